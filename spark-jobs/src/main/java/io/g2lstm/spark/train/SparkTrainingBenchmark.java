package io.g2lstm.spark.train;

import io.g2lstm.common.Directories;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.common.fs.Scratch;
import io.g2lstm.spark.SparkSessions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Measures parameter-averaging training in local mode, one core per worker ({@code local[W]} for W workers): one
 * epoch of a fixed number of minibatches, repeated, with deeplearning4j-spark's training statistics on. Prints
 * nothing; the {@code bench} command formats the result.
 */
public final class SparkTrainingBenchmark {

  /**
   * The measured run of median throughput (the lower middle one for an even number of runs).
   *
   * @param workers parameter-averaging workers (and local cores)
   * @param tokensPerSecond target tokens trained per second of the epoch's training, all workers together
   * @param statistics where that run's training time went
   */
  public record Result(int workers, double tokensPerSecond, AveragingStatistics statistics) {

    /** Throughput per worker relative to {@code single}'s: 1 is perfect scaling. */
    public double scalingEfficiency(Result single) {
      return tokensPerSecond / (workers * single.tokensPerSecond() / single.workers());
    }
  }

  private SparkTrainingBenchmark() {}

  /**
   * Trains {@code batches} minibatches from scratch, {@code warmup} times unmeasured, then {@code runs} times.
   *
   * @param configuration the job configuration (model, training and data); its outputs are redirected to a
   *     temporary directory, removed afterwards
   */
  public static Result run(String configuration, String origin, Map<String, ?> overrides, int workers,
      int averagingFrequency, int batches, int warmup, int runs) {
    Path scratch = Scratch.newDirectory("bench-spark-");
    SparkSession spark = SparkSessions.open("bench-spark", Optional.of("local[" + workers + "]"));
    try {
      double[] tokens = new double[runs];
      AveragingStatistics[] statistics = new AveragingStatistics[runs];
      for (int run = -warmup; run < runs; run++) {
        Path output = scratch.resolve("run-" + (run + warmup));
        Map<String, Object> all = new HashMap<>(overrides);
        all.put("train.output", output.resolve("train").toString());
        all.put("results.warehouse", output.resolve("warehouse").toString());
        all.put("train.epochs", 1);
        all.put("train.max-batches-per-epoch", batches);
        all.put("train.spark.workers", workers);
        all.put("train.spark.averaging-frequency", averagingFrequency);
        all.put("train.spark.collect-statistics", true);
        SettingsReader config = SettingsReader.parse(configuration, origin, all);
        SparkTrainer.Result result = SparkTrainer.fromConfiguration(spark, config, discard())
            .run(false, Optional.of("bench"));
        if (run >= 0) {
          tokens[run] = result.metrics().get(0).tokensPerSecond();
          statistics[run] = result.statistics().orElseThrow();
        }
        Directories.deleteTree(output);
      }
      Integer[] order = new Integer[runs];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, Comparator.comparingDouble(i -> tokens[i]));
      int median = order[(runs - 1) / 2];
      return new Result(workers, tokens[median], statistics[median]);
    } finally {
      spark.stop();
      Directories.deleteTree(scratch);
    }
  }

  private static PrintStream discard() {
    return new PrintStream(OutputStream.nullOutputStream());
  }
}
