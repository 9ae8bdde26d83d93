package io.g2lstm.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.GateMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The groundwork of the Spark trainer: deeplearning4j-spark's parameter averaging trains the translation graph (G²-LSTM
 * layers, the custom attention vertex, optimizer state averaged too) on two local workers, and the loss falls.
 */
class ParameterAveragingTest {

  @Test
  void parameterAveragingTrainsTheTranslationGraph() {
    SparkSession spark = SparkSessions.open("averaging", Optional.of("local[2]"));
    try {
      ModelSettings settings = new ModelSettings("spark", 8, 16, 1, 0.0,
          new GateSettings(GateMode.G2, 0.9, 0.2, 1e-3), 1);
      ComputationGraph graph = new ComputationGraph(
          TranslationGraph.configure(settings, 12, 12, new Adam(0.01), DataType.FLOAT));
      graph.init();
      ParallelIds data = reversal(256);
      List<MultiDataSet> batches = new ArrayList<>();
      for (int[] batch : Minibatches.plan(data, 16, 3)) {
        batches.add(Minibatches.encode(data, batch, DataType.FLOAT));
      }
      double before = averageScore(graph, batches);
      JavaRDD<MultiDataSet> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(batches, 2);
      ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(16)
          .batchSizePerWorker(16).averagingFrequency(2).saveUpdater(true).workerPrefetchNumBatches(0).build();
      SparkComputationGraph sparkGraph = new SparkComputationGraph(spark.sparkContext(), graph, master);
      for (int epoch = 0; epoch < 5; epoch++) {
        sparkGraph.fitMultiDataSet(rdd);
      }
      double after = averageScore(sparkGraph.getNetwork(), batches);
      assertTrue(after < 0.8 * before, "loss before " + before + ", after " + after);
    } finally {
      spark.stop();
    }
  }

  private static double averageScore(ComputationGraph graph, List<MultiDataSet> batches) {
    double sum = 0;
    for (MultiDataSet batch : batches) {
      sum += graph.score(batch, false);
    }
    return sum / batches.size();
  }

  private static ParallelIds reversal(int n) {
    SplittableRandom random = new SplittableRandom(5);
    long[] ids = new long[n];
    int[][] source = new int[n][];
    int[][] target = new int[n][];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
      int length = 2 + random.nextInt(4);
      source[i] = new int[length];
      target[i] = new int[length];
      for (int j = 0; j < length; j++) {
        source[i][j] = 4 + random.nextInt(8);
      }
      for (int j = 0; j < length; j++) {
        target[i][j] = source[i][length - 1 - j];
      }
    }
    return new ParallelIds(ids, source, target);
  }
}
