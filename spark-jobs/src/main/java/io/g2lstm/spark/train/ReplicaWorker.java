package io.g2lstm.spark.train;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.deeplearning4j.spark.impl.paramavg.stats.ParameterAveragingTrainingWorkerStats;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One replica of an averaging round on an executor: deeplearning4j-spark's parameter-averaging worker, started from
 * a {@link Start} instead of its own broadcast, whose parameters and optimizer state travel as {@link BinaryArray}s.
 * Otherwise it does what deeplearning4j-spark's worker does: a copy of the model, the training hooks around every
 * minibatch, and the replica's parameters, optimizer state and score after its last minibatch, with the same
 * training statistics, and the replica's iteration count.
 */
final class ReplicaWorker extends ParameterAveragingTrainingWorker {

  /** What every replica of a round starts from: the model's configuration, parameters and optimizer state. */
  record Start(ComputationGraphConfiguration configuration, BinaryArray parameters, BinaryArray updaterState)
      implements Serializable {

    /** The model's state now; the arrays are written when the broadcast is made, not copied here. */
    static Start of(ComputationGraph model) {
      INDArray state = model.getUpdater().getStateViewArray();
      return new Start(model.getConfiguration(), new BinaryArray(model.params()),
          state == null ? null : new BinaryArray(state));
    }
  }

  /**
   * A replica's result with its iteration count after its last minibatch: the replicas of a round may fit different
   * numbers of minibatches, and the averaged model continues from the largest count.
   */
  static final class Result extends ParameterAveragingTrainingResult {

    private final int iterationCount;

    Result(INDArray parameters, INDArray updaterState, double score, int iterationCount) {
      super(parameters, updaterState, score, null, null, null, null);
      this.iterationCount = iterationCount;
    }

    int iterationCount() {
      return iterationCount;
    }
  }

  private final Broadcast<Start> start;
  private final List<TrainingHook> hooks;
  private final List<TrainingListener> listeners;
  private ParameterAveragingTrainingWorkerStats.ParameterAveragingTrainingWorkerStatsHelper stats;

  ReplicaWorker(Broadcast<Start> start, WorkerConfiguration configuration, Collection<TrainingHook> hooks,
      Collection<TrainingListener> listeners) {
    super(null, true, configuration, null, null, null);
    this.start = start;
    this.hooks = hooks == null ? List.of() : List.copyOf(hooks);
    this.listeners = listeners == null ? List.of() : List.copyOf(listeners);
  }

  @Override
  public ComputationGraph getInitialModelGraph() {
    if (getDataConfiguration().isCollectTrainingStats()) {
      stats = new ParameterAveragingTrainingWorkerStats.ParameterAveragingTrainingWorkerStatsHelper();
      stats.logBroadcastGetValueStart();
    }
    Start round = start.getValue();
    if (stats != null) {
      stats.logBroadcastGetValueEnd();
    }
    // The broadcast value is shared by the tasks of one executor: each replica trains copies.
    ComputationGraph replica = new ComputationGraph(round.configuration().clone());
    replica.init(round.parameters().array().dup(), false);
    if (round.updaterState() != null) {
      replica.setUpdater(new ComputationGraphUpdater(replica, round.updaterState().array().dup()));
    }
    replica.setListeners(listeners);
    if (stats != null) {
      stats.logInitEnd();
    }
    return replica;
  }

  @Override
  public MultiLayerNetwork getInitialModel() {
    throw new UnsupportedOperationException("expected a computation graph to train, found a multi-layer network");
  }

  @Override
  public ParameterAveragingTrainingResult processMinibatch(MultiDataSet minibatch, ComputationGraph replica,
      boolean isLast) {
    if (stats != null) {
      stats.logFitStart();
    }
    for (TrainingHook hook : hooks) {
      hook.preUpdate(minibatch, replica);
    }
    replica.fit(minibatch);
    for (TrainingHook hook : hooks) {
      hook.postUpdate(minibatch, replica);
    }
    if (stats != null) {
      stats.logFitEnd(minibatch.getFeatures(0).size(0));
    }
    return isLast ? getFinalResult(replica) : null;
  }

  @Override
  public Pair<ParameterAveragingTrainingResult, SparkTrainingStats> processMinibatchWithStats(
      MultiDataSet minibatch, ComputationGraph replica, boolean isLast) {
    ParameterAveragingTrainingResult result = processMinibatch(minibatch, replica, isLast);
    return result == null ? null : new Pair<>(result, statistics());
  }

  @Override
  public ParameterAveragingTrainingResult getFinalResult(ComputationGraph replica) {
    ComputationGraphUpdater updater = replica.getUpdater();
    Nd4j.getExecutioner().commit();
    return new Result(replica.params(), updater == null ? null : updater.getStateViewArray(), replica.score(),
        replica.getIterationCount());
  }

  @Override
  public Pair<ParameterAveragingTrainingResult, SparkTrainingStats> getFinalResultWithStats(
      ComputationGraph replica) {
    return new Pair<>(getFinalResult(replica), statistics());
  }

  private SparkTrainingStats statistics() {
    return stats == null ? null : stats.build();
  }
}
