package io.g2lstm.spark.train;

import io.g2lstm.model.layer.NoiseStreams;
import java.io.IOException;
import java.io.ObjectInputStream;
import org.apache.spark.TaskContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
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
 * After each minibatch it adds the minibatch's loss, target tokens and count to accumulators the driver reads per
 * epoch. Spark may count a retried task twice; the figures are for progress lines and the metrics table.
 */
final class ReplicaHook implements TrainingHook {

  private final DoubleAccumulator loss;
  private final LongAccumulator tokens;
  private final LongAccumulator batches;
  private int roundIteration;
  private int roundEpoch;
  private transient Model preparedReplica;

  ReplicaHook(DoubleAccumulator loss, LongAccumulator tokens, LongAccumulator batches) {
    this.loss = loss;
    this.tokens = tokens;
    this.batches = batches;
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
    if (preparedReplica != model) {
      ComputationGraph replica = (ComputationGraph) model;
      replica.getConfiguration().setIterationCount(roundIteration);
      replica.getConfiguration().setEpochCount(roundEpoch);
      TaskContext task = TaskContext.get();
      NoiseStreams.assign(replica, task == null ? 0 : task.partitionId());
      preparedReplica = model;
    }
  }

  @Override
  public void postUpdate(MultiDataSet minibatch, Model model) {
    long sentences = minibatch.getFeatures(0).size(0);
    // DL4J's score is the summed loss divided by the minibatch size.
    loss.add(model.score() * sentences);
    tokens.add(minibatch.getLabelsMaskArray(0).sumNumber().longValue());
    batches.add(1);
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
