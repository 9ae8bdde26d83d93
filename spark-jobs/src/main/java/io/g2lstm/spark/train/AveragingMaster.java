package io.g2lstm.spark.train;

import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * deeplearning4j-spark's parameter-averaging master, telling the {@link ReplicaHook} the averaged model's counters
 * before each round's workers are created, so that replicas continue the iteration count instead of restarting it.
 */
final class AveragingMaster extends ParameterAveragingTrainingMaster {

  private final transient ReplicaHook hook;

  AveragingMaster(Builder builder, ReplicaHook hook) {
    super(builder);
    this.hook = hook;
  }

  @Override
  public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
    hook.startRound(graph.getNetwork());
    return super.getWorkerInstance(graph);
  }
}
