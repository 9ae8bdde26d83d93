package io.g2lstm.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.spark.SparkSessions;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Replica results summed by {@link OrderedSum} come out the same bit for bit whichever tasks finish first: the
 * tasks here are delayed so that they finish in index order in one run and in reverse order in the other. (With
 * deeplearning4j-spark's {@code treeAggregate} the two sums differ.)
 */
class OrderedSumTest {

  private static final int LENGTH = 4_000;

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.open("ordered-sum-test", Optional.of("local[9]"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void threeReplicasAreSummedInPartitionOrderWhateverOrderTheyFinish() {
    float[] forward = sum(3, 2, false);
    assertArrayEquals(forward, sum(3, 2, true));
    float[] expected = replica(0).getParameters().add(replica(1).getParameters()).addi(replica(2).getParameters())
        .data().asFloat();
    assertArrayEquals(expected, forward);
  }

  /** Nine replicas at depth 2 are summed in three groups of three on the executors, then on the driver. */
  @Test
  void nineReplicasInATreeAreSummedInOneFixedOrder() {
    float[] forward = sum(9, 2, false);
    assertArrayEquals(forward, sum(9, 2, true));
    INDArray expected = Nd4j.zeros(DataType.FLOAT, 1, LENGTH);
    for (int group = 0; group < 3; group++) {
      expected.addi(replica(3 * group).getParameters().add(replica(3 * group + 1).getParameters())
          .addi(replica(3 * group + 2).getParameters()));
    }
    assertArrayEquals(expected.data().asFloat(), forward);
    assertArrayEquals(sum(9, 1, false), sum(9, 1, true), "depth 1: all on the driver");
  }

  @Test
  void scoresOptimizerStateAndCountAreSummedToo() {
    ReplicaSum tuple = tuple(5, 2, true);
    assertEquals(5, tuple.replicas());
    assertEquals(120, tuple.iterationCount(), "the largest iteration count");
    assertEquals(0 + 1 + 2 + 3 + 4, tuple.score(), 0.0);
    assertEquals(5 * 2.0, tuple.updaterState().orElseThrow().getDouble(0), 0.0);
  }

  @Test
  void noMinibatchesGiveNoSum() {
    JavaRDD<ParameterAveragingTrainingResult> none = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(List.<Integer>of(), 3).map(OrderedSumTest::replica);
    assertTrue(OrderedSum.of(none, 2).isEmpty());
  }

  private static float[] sum(int replicas, int depth, boolean lastFinishesFirst) {
    return tuple(replicas, depth, lastFinishesFirst).parameters().data().asFloat();
  }

  private static ReplicaSum tuple(int replicas, int depth, boolean lastFinishesFirst) {
    JavaRDD<ParameterAveragingTrainingResult> results = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(IntStream.range(0, replicas).boxed().toList(), replicas)
        .map(index -> {
          Thread.sleep(150L * (lastFinishesFirst ? replicas - index : index));
          return replica(index);
        });
    return OrderedSum.of(results, depth).orElseThrow();
  }

  /**
   * Values of mixed magnitude, so that sums taken in different orders round differently; the third replica reached
   * the largest iteration count.
   */
  private static ParameterAveragingTrainingResult replica(int index) {
    Random random = new Random(index);
    float[] parameters = new float[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      parameters[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
    }
    return new ReplicaWorker.Result(Nd4j.create(parameters, new long[] {1, LENGTH}),
        Nd4j.valueArrayOf(new long[] {1, 2}, 2.0f), index, index == 2 ? 120 : 100 + index);
  }
}
