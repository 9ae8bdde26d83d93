package io.g2lstm.spark.train;

import io.g2lstm.common.SettingsReader;
import java.io.Serializable;

/**
 * The parameter-averaging settings of the Spark trainer, read from {@code train.spark} (documented beside their
 * defaults in the spark-jobs module's {@code g2lstm-reference.conf}), and where result tables go.
 *
 * @param workers replicas trained at once
 * @param averagingFrequency minibatches each replica trains between two averagings
 * @param averaging what a round's average becomes (plain, or with block momentum)
 * @param learningRateScaling how the replicas' learning rate grows with the number of workers
 * @param aggregationDepth depth of the tree aggregation of replicas
 * @param prefetchBatches minibatches each worker loads ahead
 * @param rddTraining how minibatches reach the workers
 * @param exportDirectory where exported minibatches go
 * @param collectStatistics whether to time the phases of training
 * @param warehouse the directory of the result tables
 */
public record SparkTrainSettings(int workers, int averagingFrequency, Averaging averaging,
    LearningRateScaling learningRateScaling, int aggregationDepth, int prefetchBatches, RddTraining rddTraining,
    String exportDirectory, boolean collectStatistics, String warehouse) implements Serializable {

  /** How minibatches reach the workers. */
  public enum RddTraining {
    /** Written once to the export directory; workers stream them from there. */
    EXPORT,
    /** Kept in executor memory as a cached RDD. */
    DIRECT
  }

  /**
   * How the replicas' learning rate ({@code train.learning-rate}) grows with the number of workers N: several
   * replicas' average is a step taken with N times the data, and a larger step may go with it (Goyal et al. 2017's
   * linear rule, with a warm-up; the square root is the milder rule often used with Adam).
   */
  public enum LearningRateScaling {
    /** The configured rate whatever the number of workers. */
    NONE,
    /** The rate times N. */
    LINEAR,
    /** The rate times the square root of N. */
    SQRT;

    /** The factor the learning rate is multiplied by for {@code workers} workers. */
    public double factor(int workers) {
      return switch (this) {
        case NONE -> 1;
        case LINEAR -> workers;
        case SQRT -> Math.sqrt(workers);
      };
    }
  }

  /** Reads and checks {@code train.spark} and {@code results.warehouse}. */
  public static SparkTrainSettings from(SettingsReader root) {
    SettingsReader s = root.section("train").section("spark");
    int workers = s.intIn("workers", 1, 100_000);
    return new SparkTrainSettings(
        workers,
        s.intIn("averaging-frequency", 1, 100_000),
        Averaging.from(s, workers),
        s.choice("learning-rate-scaling", LearningRateScaling.class),
        s.intIn("aggregation-depth", 1, 20),
        s.intIn("prefetch-batches", 0, 10_000),
        s.choice("rdd-training", RddTraining.class),
        s.nonBlankString("export-directory"),
        s.bool("collect-statistics"),
        root.section("results").nonBlankString("warehouse"));
  }

  /** The replicas' learning rate: {@code train.learning-rate} scaled for the number of workers. */
  public double learningRate(double configured) {
    return configured * learningRateScaling.factor(workers);
  }
}
