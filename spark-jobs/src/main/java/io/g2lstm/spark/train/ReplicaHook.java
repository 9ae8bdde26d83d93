package io.g2lstm.spark.train;

import io.g2lstm.model.layer.NoiseStreams;
import io.g2lstm.model.train.TrainingSeeds;
import java.io.IOException;
import java.io.ObjectInputStream;
import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Runs around every minibatch a worker fits. Before the first one it sets up the replica: the iteration and epoch
 * counters of the averaged model (deeplearning4j-spark's replicas start from 0, as cloning a configuration drops
 * them, which would restart Adam's bias correction and repeat the G² noise every round), and its own G² noise
 * stream (the task's partition: replicas of one round share the counters, and would otherwise draw the same noise).
 * Before every minibatch it reseeds ND4J's generator (which dropout draws from) from the training seed, the iteration
 * and the replica, so that a run reproduces whichever executor thread fits it. After each minibatch it records the
 * minibatch's loss and target tokens in {@link ReplicaFigures}, which the driver reads per epoch.
 */
final class ReplicaHook implements TrainingHook {

  private final ReplicaFigures figures;
  private final long seed;
  private int roundIteration;
  private int roundEpoch;
  private transient Model preparedReplica;

  /** @param seed {@code train.seed} */
  ReplicaHook(ReplicaFigures figures, long seed) {
    this.figures = figures;
    this.seed = seed;
  }

  /**
   * Arrives on an executor with each round's workers, before they create their statistics helpers: the place to
   * choose deeplearning4j-spark's clock there too (see {@link SparkTrainer#useSystemClockForStatistics}).
   */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    SparkTrainer.useSystemClockForStatistics();
  }

  /** Called on the driver before each averaging round is sent out: the counters the replicas continue from. */
  void startRound(ComputationGraph averaged) {
    roundIteration = averaged.getIterationCount();
    roundEpoch = averaged.getEpochCount();
  }

  @Override
  public void preUpdate(MultiDataSet minibatch, Model model) {
    ComputationGraph replica = (ComputationGraph) model;
    if (preparedReplica != model) {
      replica.getConfiguration().setIterationCount(roundIteration);
      replica.getConfiguration().setEpochCount(roundEpoch);
      NoiseStreams.assign(replica, replica());
      preparedReplica = model;
    }
    TrainingSeeds.reseedDropout(seed, replica.getConfiguration().getIterationCount(), replica());
  }

  private static int replica() {
    TaskContext task = TaskContext.get();
    return task == null ? 0 : task.partitionId();
  }

  @Override
  public void postUpdate(MultiDataSet minibatch, Model model) {
    long sentences = minibatch.getFeatures(0).size(0);
    // DL4J's score is the summed loss divided by the minibatch size.
    figures.add(new ReplicaFigures.Minibatch(roundIteration, replica(), model.score() * sentences,
        minibatch.getLabelsMaskArray(0).sumNumber().longValue()));
  }

  @Override
  public void preUpdate(DataSet minibatch, Model model) {
    throw new UnsupportedOperationException("the translation graph trains on MultiDataSets");
  }

  @Override
  public void postUpdate(DataSet minibatch, Model model) {
    throw new UnsupportedOperationException("the translation graph trains on MultiDataSets");
  }
}
