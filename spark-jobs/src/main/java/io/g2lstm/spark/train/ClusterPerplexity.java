package io.g2lstm.spark.train;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

/**
 * Validation perplexity per target token computed on the executors: each partition scores its minibatches with a
 * copy of the model (inference mode: no dropout, no gate noise) and returns its summed loss and token count.
 * deeplearning4j-spark's own scoring cannot be used: it compares the parameter count without the custom attention
 * vertex's parameters and refuses the model.
 */
final class ClusterPerplexity {

  private ClusterPerplexity() {}

  /** exp(summed loss / summed target tokens); NaN when there are no tokens. */
  static double of(JavaSparkContext sc, ComputationGraph graph, JavaRDD<MultiDataSet> batches) {
    Broadcast<BinaryArray> parameters = sc.broadcast(new BinaryArray(graph.params()));
    try {
      // Collected and summed in partition order: the same sum whichever task finishes first.
      double loss = 0;
      long tokens = 0;
      for (Tuple2<Double, Long> partition : batches.mapPartitions(
          new Score(graph.getConfiguration().toJson(), parameters)).collect()) {
        loss += partition._1();
        tokens += partition._2();
      }
      return tokens == 0 ? Double.NaN : Math.exp(loss / tokens);
    } finally {
      parameters.destroy();
    }
  }

  private record Score(String configuration, Broadcast<BinaryArray> parameters)
      implements FlatMapFunction<Iterator<MultiDataSet>, Tuple2<Double, Long>> {

    @Override
    public Iterator<Tuple2<Double, Long>> call(Iterator<MultiDataSet> batches) {
      double loss = 0;
      long tokens = 0;
      if (batches.hasNext()) {
        ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(configuration));
        graph.init(parameters.value().array().dup(), false);
        while (batches.hasNext()) {
          MultiDataSet batch = batches.next();
          // DL4J's score is the summed loss divided by the minibatch size.
          loss += graph.score(batch, false) * batch.getFeatures(0).size(0);
          tokens += batch.getLabelsMaskArray(0).sumNumber().longValue();
        }
      }
      return List.of(new Tuple2<>(loss, tokens)).iterator();
    }
  }
}
