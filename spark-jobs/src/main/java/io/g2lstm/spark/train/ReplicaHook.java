package io.g2lstm.spark.train;

import io.g2lstm.model.layer.NoiseStreams;
import org.apache.spark.TaskContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Runs around every minibatch a worker fits. Before the first one it gives the replica its own G² noise stream (the
 * task's partition: replicas of one averaging round share the iteration counter, and would otherwise draw the same
 * noise); after each it adds the minibatch's loss, target tokens and count to accumulators the driver reads per
 * epoch. Spark may count a retried task twice; the figures are for progress lines and the metrics table.
 */
final class ReplicaHook implements TrainingHook {

  private final DoubleAccumulator loss;
  private final LongAccumulator tokens;
  private final LongAccumulator batches;
  private transient Model streamAssignedTo;

  ReplicaHook(DoubleAccumulator loss, LongAccumulator tokens, LongAccumulator batches) {
    this.loss = loss;
    this.tokens = tokens;
    this.batches = batches;
  }

  @Override
  public void preUpdate(MultiDataSet minibatch, Model model) {
    if (streamAssignedTo != model) {
      TaskContext task = TaskContext.get();
      NoiseStreams.assign((ComputationGraph) model, task == null ? 0 : task.partitionId());
      streamAssignedTo = model;
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
