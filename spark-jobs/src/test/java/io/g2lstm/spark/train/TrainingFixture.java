package io.g2lstm.spark.train;

import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.prep.pipeline.PrepareSettings;
import io.g2lstm.spark.PrepareJob;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Prepared synthetic data for training tests (made once per test JVM) and configurations of a tiny model over it.
 * The configuration is {@code conf/demo.conf} with a smaller model; tests override what they need.
 */
public final class TrainingFixture {

  static final int TRAIN_PAIRS = 1200;
  /** Pairs in the validation and test splits. */
  public static final int HELD_OUT_PAIRS = 64;
  private static final String TINY = """
      model { name = tiny, embedding-size = 16, hidden-size = 32, layers = 1, dropout = 0.0, gate.mode = g2 }
      train { epochs = 2, batch-size = 16, optimizer = adam, learning-rate = 0.01, log-every = 1000
        spark { workers = 2, averaging-frequency = 2 } }
      """;

  private static Path work;
  private static Path trained;

  private TrainingFixture() {}

  /** A Spark trainer for {@code config}, read as {@code train} reads it. */
  static SparkTrainer trainer(SparkSession spark, SettingsReader config, PrintStream log) {
    return SparkTrainer.of(spark, JobSettings.read(config, SparkTrainer.Settings::from), log);
  }

  /** The directory holding {@code corpus/} and {@code prepared/}, prepared on first use. */
  public static synchronized Path work(SparkSession spark) {
    if (work == null) {
      try {
        Path dir = Files.createTempDirectory("g2lstm-training-fixture-");
        new SyntheticCorpus(11).writeSplits(dir.resolve("corpus"), TRAIN_PAIRS, HELD_OUT_PAIRS, HELD_OUT_PAIRS);
        SettingsReader config = configuration(dir, dir.resolve("unused"), Map.of());
        PrepareJob.run(spark, JobSettings.read(config, PrepareSettings::from));
        work = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return work;
  }

  /**
   * The training output of the tiny model trained for 2 epochs on one worker (made once per test JVM): a model that
   * has learnt a little, for evaluation tests.
   */
  public static synchronized Path trainedModel(SparkSession spark) {
    if (trained == null) {
      Path run = work(spark).resolve("trained");
      SettingsReader config = configuration(work, run, Map.of("train.spark.workers", 1,
          "train.spark.averaging-frequency", 4, "train.spark.collect-statistics", false));
      trainer(spark, config, new PrintStream(OutputStream.nullOutputStream()))
          .run(false, Optional.of("tiny-trained"));
      trained = run.resolve("train");
    }
    return trained;
  }

  /** The tiny model's configuration, training into {@code run} (with {@code warehouse/} and {@code train/}). */
  public static SettingsReader configuration(Path work, Path run, Map<String, ?> overrides) {
    Map<String, Object> all = new HashMap<>();
    all.put("paths.work", work.toString());
    all.put("train.output", run.resolve("train").toString());
    all.put("results.warehouse", run.resolve("warehouse").toString());
    all.putAll(overrides);
    try {
      String demo = Files.readString(Path.of("..", "conf", "demo.conf"));
      return SettingsReader.parse(demo + "\n" + TINY, "demo.conf + tiny model", all);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
