package io.g2lstm.spark.train;

import java.util.Optional;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.impl.common.SplitPartitionsFunction;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * deeplearning4j-spark's parameter-averaging master, with seven changes on the driver. At the start of each epoch
 * it reseeds the generator that deals the epoch's minibatches to rounds, so that an epoch is dealt alike in an
 * uninterrupted run and in one resumed before it (deeplearning4j-spark seeds it once, when the master is built).
 * It deals them to enough rounds that every minibatch is fitted (see {@link #getSplitRDDs}), and the averaged
 * model continues from the replicas' own iteration count.
 * Before each round's workers are created it tells the {@link ReplicaHook} the averaged model's counters, so that
 * replicas continue the iteration count instead of restarting it, gives {@link RoundProgress} its chance to print,
 * and, with block momentum, moves the model to the round's starting point; after each round's average it applies
 * the {@link BlockMomentum} update. And it sums the replicas in partition order ({@link OrderedSum}) instead of
 * the order their tasks finish, so that runs of three or more workers reproduce. Each round's starting point
 * travels to the {@link ReplicaWorker}s, and their sums back, in binary form ({@link BinaryArray}) rather than
 * through ND4J's element-by-element serialization, and the round's broadcast is destroyed when the round ends.
 */
final class AveragingMaster extends ParameterAveragingTrainingMaster {

  private final transient ReplicaHook hook;
  private final transient RoundProgress progress;
  private final transient Optional<BlockMomentum> blockMomentum;
  private transient Optional<Broadcast<ReplicaWorker.Start>> roundStart = Optional.empty();

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

  /**
   * Deals an epoch's minibatches to rounds of at most {@code workers x averaging-frequency}, as evenly as
   * deeplearning4j-spark's own split. Its split makes floor(minibatches / capacity) rounds, which may then hold more
   * than a round's capacity, and its workers fit at most {@code averaging-frequency} minibatches each: the rest was
   * left out of the epoch (65 of 625 minibatches with 2 workers averaging every 40). Here the rounds are
   * ceil(minibatches / capacity), and the workers fit all they are given ({@link #getWorkerInstance}).
   */
  @Override
  @SuppressWarnings("unchecked")
  protected <T> JavaRDD<T>[] getSplitRDDs(JavaRDD<T> minibatches, int count, int examplesPerMinibatch) {
    int capacity = getNumDataSetObjectsPerSplit(examplesPerMinibatch);
    int rounds = Math.max(1, (count + capacity - 1) / capacity);
    long seed = rng.nextLong();
    if (rounds == 1) {
      return new JavaRDD[] {minibatches};
    }
    if (collectTrainingStats) {
      stats.logSplitStart();
    }
    JavaRDD<T>[] splits = new JavaRDD[rounds];
    for (int round = 0; round < rounds; round++) {
      splits[round] = minibatches.mapPartitionsWithIndex(new SplitPartitionsFunction<>(round, rounds, seed), true);
    }
    if (collectTrainingStats) {
      stats.logSplitEnd();
    }
    return splits;
  }

  @Override
  public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
    progress.roundStarts();
    hook.startRound(graph.getNetwork());
    blockMomentum.ifPresent(b -> b.startRound(graph.getNetwork().params()));
    if (collectTrainingStats) {
      stats.logBroadcastStart();
    }
    Broadcast<ReplicaWorker.Start> start =
        graph.getSparkContext().broadcast(ReplicaWorker.Start.of(graph.getNetwork()));
    if (collectTrainingStats) {
      stats.logBroadcastEnd();
    }
    roundStart = Optional.of(start);
    // No limit on the minibatches a worker fits (0): it fits its whole share of the round.
    return new ReplicaWorker(start, new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker, 0,
        prefetchNumBatches, collectTrainingStats), trainingHookList, listeners);
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
    Optional<ReplicaSum> sum = OrderedSum.of(results, aggregationDepth);
    if (collectTrainingStats) {
      stats.logAggregationEndTime();
      stats.logProcessParamsUpdaterStart();
    }
    sum.ifPresent(replicas -> average(graph, replicas));
    if (collectTrainingStats) {
      stats.logProcessParamsUpdaterEnd();
      sum.flatMap(ReplicaSum::statistics).ifPresent(stats::addWorkerStats);
    }
    blockMomentum.ifPresent(b -> b.finishRound(graph.getNetwork().params()));
    // deeplearning4j-spark leaves each round's broadcast to Spark's cleaner, which finds it only after a garbage
    // collection: until then every round's parameters and optimizer state stay in the block managers' memory.
    roundStart.ifPresent(Broadcast::destroy);
    roundStart = Optional.empty();
  }

  /** What deeplearning4j-spark does with the sum: the mean parameters, optimizer state and score into the model. */
  private void average(SparkComputationGraph graph, ReplicaSum sum) {
    int replicas = sum.replicas();
    ComputationGraph model = graph.getNetwork();
    model.setParams(sum.parameters().divi(replicas));
    sum.updaterState().ifPresent(state -> model.getUpdater().setStateViewArray(state.divi(replicas)));
    graph.setScore(sum.score() / replicas);
    model.getConfiguration().setIterationCount(sum.iterationCount());
  }
}
