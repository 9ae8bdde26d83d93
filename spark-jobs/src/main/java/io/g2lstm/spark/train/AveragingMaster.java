package io.g2lstm.spark.train;

import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * deeplearning4j-spark's parameter-averaging master, telling the {@link ReplicaHook} the averaged model's counters
 * before each round's workers are created, so that replicas continue the iteration count instead of restarting it,
 * and giving {@link RoundProgress} its chance to print.
 */
final class AveragingMaster extends ParameterAveragingTrainingMaster {

  private final transient ReplicaHook hook;
  private final transient RoundProgress progress;

  AveragingMaster(Builder builder, ReplicaHook hook, RoundProgress progress) {
    super(builder);
    this.hook = hook;
    this.progress = progress;
  }

  @Override
  public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
    progress.roundStarts();
    hook.startRound(graph.getNetwork());
    return super.getWorkerInstance(graph);
  }
}
