package io.g2lstm.bench;

import io.g2lstm.common.Directories;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.common.fs.Scratch;
import io.g2lstm.model.train.TrainSettings;
import io.g2lstm.model.train.Trainer;
import io.g2lstm.model.train.TrainingRun;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.spark.ShardReader;
import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.train.AveragingStatistics;
import io.g2lstm.spark.train.SparkTrainer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
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
      AveragingStatistics[] statistics = new AveragingStatistics[runs];
      Measurement.Summary summary = Measurement.run(warmup, runs, figures -> {
        Path output = scratch.resolve("run-" + (figures.round() + warmup));
        Map<String, Object> all = oneEpoch(overrides, output, batches);
        all.put("train.spark.workers", workers);
        all.put("train.spark.averaging-frequency", averagingFrequency);
        all.put("train.spark.collect-statistics", true);
        SparkTrainer.Result result = SparkTrainer.of(spark, JobSettings.read(SettingsReader.parse(configuration,
            origin, all), SparkTrainer.Settings::from), discard()).run(false, Optional.of("bench"));
        figures.put("tokens/s", result.metrics().get(0).tokensPerSecond());
        if (figures.round() >= 0) {
          statistics[figures.round()] = result.statistics().orElseThrow();
        }
        Directories.deleteTree(output);
      });
      int median = summary.medianRound("tokens/s");
      return new Result(workers, summary.rounds().get(median).get("tokens/s"), statistics[median]);
    } finally {
      spark.stop();
      Directories.deleteTree(scratch);
    }
  }

  /**
   * The throughput of {@code train --local} on the same configuration and prepared data: median target tokens per
   * second of fitting over {@code runs} epochs of {@code batches} minibatches, after {@code warmup} unmeasured ones.
   * (The local trainer times its fitting alone, minibatch encoding left out; a Spark run is timed end to end.)
   */
  public static double local(String configuration, String origin, Map<String, ?> overrides, int batches, int warmup,
      int runs) {
    Path scratch = Scratch.newDirectory("bench-local-");
    try {
      Measurement.Summary summary = Measurement.run(warmup, runs, figures -> {
        Path output = scratch.resolve("run-" + (figures.round() + warmup));
        JobSettings<SparkTrainer.Settings> job = JobSettings.read(SettingsReader.parse(configuration, origin,
            oneEpoch(overrides, output, batches)), SparkTrainer.Settings::from);
        TrainSettings train = job.settings().train();
        Configuration hadoop = new Configuration();
        TrainingRun.Outcome outcome = new Trainer(job.settings().model(), train, Path.of(train.data()),
            job.resolved(), discard()).run(ShardReader.read(train.data(), Split.TRAIN, hadoop),
                ShardReader.read(train.data(), Split.VALID, hadoop), false, Optional.of("bench"));
        figures.put("tokens/s", outcome.epochs().get(0).tokensPerSecond());
        Directories.deleteTree(output);
      });
      return summary.median("tokens/s");
    } finally {
      Directories.deleteTree(scratch);
    }
  }

  /** One epoch of {@code batches} minibatches, its outputs under {@code output}. */
  private static Map<String, Object> oneEpoch(Map<String, ?> overrides, Path output, int batches) {
    Map<String, Object> all = new HashMap<>(overrides);
    all.put("train.output", output.resolve("train").toString());
    all.put("results.warehouse", output.resolve("warehouse").toString());
    all.put("train.epochs", 1);
    all.put("train.max-batches-per-epoch", batches);
    return all;
  }

  private static PrintStream discard() {
    return new PrintStream(OutputStream.nullOutputStream());
  }
}
