package io.g2lstm.spark.train;

import java.util.Optional;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple;

/**
 * deeplearning4j-spark's parameter-averaging master, with five changes on the driver. At the start of each epoch
 * it reseeds the generator that deals the epoch's minibatches to rounds, so that an epoch is dealt alike in an
 * uninterrupted run and in one resumed before it (deeplearning4j-spark seeds it once, when the master is built).
 * Before each round's workers are created it tells the {@link ReplicaHook} the averaged model's counters, so that
 * replicas continue the iteration count instead of restarting it, gives {@link RoundProgress} its chance to print,
 * and, with block momentum, moves the model to the round's starting point; after each round's average it applies
 * the {@link BlockMomentum} update. And it sums the replicas in partition order ({@link OrderedSum}) instead of
 * the order their tasks finish, so that runs of three or more workers reproduce.
 */
final class AveragingMaster extends ParameterAveragingTrainingMaster {

  private final transient ReplicaHook hook;
  private final transient RoundProgress progress;
  private final transient Optional<BlockMomentum> blockMomentum;

  AveragingMaster(Builder builder, ReplicaHook hook, RoundProgress progress, Optional<BlockMomentum> blockMomentum) {
    super(builder);
    this.hook = hook;
    this.progress = progress;
    this.blockMomentum = blockMomentum;
  }

  /** Before an epoch's fit: its minibatches are dealt to rounds from {@code seed}. */
  void startEpoch(long seed) {
    rng = new Random(seed);
  }

  @Override
  public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
    progress.roundStarts();
    hook.startRound(graph.getNetwork());
    blockMomentum.ifPresent(b -> b.startRound(graph.getNetwork().params()));
    return super.getWorkerInstance(graph);
  }

  @Override
  protected void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
      JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
    if (network != null) {
      throw new IllegalStateException("expected a computation graph to average, found a multi-layer network");
    }
    if (collectTrainingStats) {
      stats.logAggregateStartTime();
    }
    Optional<ParameterAveragingAggregationTuple> sum = OrderedSum.of(results, aggregationDepth);
    if (collectTrainingStats) {
      stats.logAggregationEndTime();
      stats.logProcessParamsUpdaterStart();
    }
    sum.ifPresent(tuple -> average(graph, tuple));
    if (collectTrainingStats) {
      stats.logProcessParamsUpdaterEnd();
      sum.ifPresent(tuple -> stats.addWorkerStats(tuple.getSparkTrainingStats()));
    }
    blockMomentum.ifPresent(b -> b.finishRound(graph.getNetwork().params()));
  }

  /** What deeplearning4j-spark does with the sum: the mean parameters, optimizer state and score into the model. */
  private void average(SparkComputationGraph graph, ParameterAveragingAggregationTuple sum) {
    int replicas = sum.getAggregationsCount();
    ComputationGraph model = graph.getNetwork();
    model.setParams(sum.getParametersSum().divi(replicas));
    if (sum.getUpdaterStateSum() != null) {
      model.getUpdater().setStateViewArray(sum.getUpdaterStateSum().divi(replicas));
    }
    graph.setScore(sum.getScoreSum() / replicas);
    ComputationGraphConfiguration configuration = model.getConfiguration();
    configuration.setIterationCount(configuration.getIterationCount() + averagingFrequency);
  }
}
