package io.g2lstm.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.common.Directories;
import io.g2lstm.common.LifecycleException;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.results.TrainingMetrics;
import io.g2lstm.spark.SparkSessions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark trainer on two local workers: checkpoints, the metrics table, run ids and resumption, and the errors
 * that must come before any training.
 */
class SparkTrainerTest {

  private static SparkSession spark;
  private static Path work;

  @TempDir
  Path run;

  @BeforeAll
  static void start() {
    spark = SparkSessions.open("trainer-test", Optional.of("local[2]"));
    work = TrainingFixture.work(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private SparkTrainer.Result train(Path output, Map<String, ?> overrides, boolean resume, String runId) {
    SettingsReader config = TrainingFixture.configuration(work, output, overrides);
    return TrainingFixture.trainer(spark, config, quiet()).run(resume, Optional.ofNullable(runId));
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private List<Row> tableRows(Path output) {
    return spark.read().parquet(output.resolve("warehouse").resolve(TrainingMetrics.TABLE.name()).toString())
        .orderBy("run_id", "epoch").collectAsList();
  }

  @Test
  void trainsRecordsEachEpochOnceAndContinuesTheSameRun() throws Exception {
    SparkTrainer.Result first = train(run, Map.of(), false, "airflow__run-1");
    assertEquals(2, first.metrics().size());
    assertTrue(first.metrics().get(1).validPerplexity() < first.metrics().get(0).validPerplexity(),
        first.metrics().toString());
    // About 76 minibatches an epoch (2 partitions of about 600 pairs, 16 a batch), all of them fitted every epoch.
    long epochOne = first.metrics().get(0).step();
    long epochTwo = first.metrics().get(1).step() - epochOne;
    assertTrue(epochOne >= 70 && epochOne <= 76 && epochTwo == epochOne, first.metrics().toString());
    assertTrue(first.statistics().orElseThrow().fitting() > 0);

    List<Row> rows = tableRows(run);
    assertEquals(2, rows.size());
    Row row = rows.get(0);
    assertEquals("airflow__run-1", row.getAs("run_id"));
    assertEquals("tiny", row.getAs("model"));
    assertEquals("g2", row.getAs("gate_mode"));
    assertEquals(1, (int) row.getAs("epoch"));
    assertEquals(2, (int) row.getAs("workers"));
    assertTrue((double) row.getAs("tokens_per_second") > 0);
    Checkpoint latest = Checkpoint.latest(run.resolve("train")).orElseThrow();
    assertEquals(2, latest.state().epoch());
    assertEquals("airflow__run-1", latest.state().runId());
    assertEquals(latest.directory(), Checkpoint.open(run.resolve("train").resolve(Checkpoint.DIRECTORY)
        .resolve(Checkpoint.BEST)).directory(), "the better second epoch is the best");
    assertTrue(Files.readString(run.resolve("warehouse").resolve(TrainingMetrics.TABLE.name()).resolve("_provenance")
        .resolve("run_id=airflow__run-1.conf")).contains("averaging-frequency"));

    // The same command again (an Airflow retry after success): nothing to do, nothing duplicated.
    SparkTrainer.Result again = train(run, Map.of(), false, "airflow__run-1");
    assertEquals(2, again.metrics().size());
    assertEquals(2, tableRows(run).size());

    // More epochs for the same run: it continues from epoch 2.
    SparkTrainer.Result longer = train(run, Map.of("train.epochs", 3), false, "airflow__run-1");
    assertEquals(List.of(1, 2, 3), longer.metrics().stream().map(TrainingMetrics::epoch).toList());
    assertEquals(List.of(1, 2, 3), tableRows(run).stream().map(r -> (int) r.getAs("epoch")).toList());

    // Another run id, or none without --resume, may not take over these checkpoints.
    LifecycleException other = assertThrows(LifecycleException.class,
        () -> train(run, Map.of("train.epochs", 4), false, "another"));
    assertTrue(other.getMessage().contains("'airflow__run-1'"), other.getMessage());
    assertThrows(LifecycleException.class, () -> train(run, Map.of("train.epochs", 4), false, null));
  }

  @Test
  void sparkJobsSayWhichRunAndEpochTheyBelongTo() throws Exception {
    List<String> descriptions = Collections.synchronizedList(new ArrayList<>());
    List<String> groups = Collections.synchronizedList(new ArrayList<>());
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        descriptions.add(String.valueOf(job.properties().getProperty("spark.job.description")));
        groups.add(String.valueOf(job.properties().getProperty("spark.jobGroup.id")));
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      train(run, Map.of("train.epochs", 2, "train.max-batches-per-epoch", 4, "train.spark.rdd-training", "direct"),
          false, "ui-run");
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    for (String expected : List.of("train ui-run: epoch 1/2", "train ui-run: validation after epoch 1",
        "train ui-run: epoch 2/2", "train ui-run: validation after epoch 2")) {
      assertTrue(descriptions.contains(expected), "no job described as '" + expected + "' in " + descriptions);
    }
    assertTrue(groups.contains("ui-run"), groups.toString());
    assertNull(spark.sparkContext().getLocalProperty("spark.jobGroup.id"), "the group is cleared after training");
  }

  @Test
  void printsProgressBetweenRoundsOfSeveralWorkers() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    SettingsReader config = TrainingFixture.configuration(work, run, Map.of("train.epochs", 1,
        "train.max-batches-per-epoch", 24, "train.log-every", 8, "train.spark.averaging-frequency", 2,
        "train.spark.rdd-training", "direct"));
    TrainingFixture.trainer(spark, config, log).run(false, Optional.of("progress"));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines()
        .filter(line -> line.matches("epoch 1/1: \\d+/\\d+ minibatches, loss \\d+\\.\\d{4}, [\\d,]+ target tokens/s, "
            + "about \\d+ s left"))
        .toList();
    // rounds of 2 workers x 2 minibatches: a line once 8 or more are done since the last one
    assertTrue(lines.size() >= 1 && lines.size() <= 3, bytes.toString(StandardCharsets.UTF_8));
    assertTrue(lines.get(0).startsWith("epoch 1/1: 8/"), lines.toString());
  }

  @Test
  void resumeWithNothingToResumeIsAnError() {
    LifecycleException e = assertThrows(LifecycleException.class, () -> train(run, Map.of(), true, null));
    assertTrue(e.getMessage().contains("expected a run to resume (--resume), found no checkpoint"), e.getMessage());
    assertFalse(Files.exists(run.resolve("train").resolve("run.json")), "nothing was started");
  }

  @Test
  void aRunKilledBeforeItsFirstCheckpointResumesUnderItsRunId() throws Exception {
    Map<String, Object> short1 = Map.of("train.epochs", 1, "train.max-batches-per-epoch", 4,
        "train.spark.rdd-training", "direct");
    String runId = train(run, short1, false, null).runId();
    // what a kill after the metrics row and before the checkpoint leaves: the run's record and its epoch row
    Directories.deleteTree(run.resolve("train").resolve(Checkpoint.DIRECTORY));
    SparkTrainer.Result resumed = train(run, short1, true, null);
    assertEquals(runId, resumed.runId(), "the recorded run continues");
    List<Row> rows = tableRows(run);
    assertEquals(1, rows.size(), rows.toString());
    assertEquals(runId, rows.get(0).getAs("run_id"));
    assertEquals(runId, Checkpoint.latest(run.resolve("train")).orElseThrow().state().runId());
    assertThrows(LifecycleException.class, () -> train(run, short1, false, "another"));
  }

  @Test
  void rerunningARunIdInAFreshOutputReplacesItsRows() {
    Map<String, Object> short1 = Map.of("train.epochs", 1, "train.max-batches-per-epoch", 4,
        "results.warehouse", run.resolve("shared-warehouse").toString(), "train.spark.rdd-training", "direct");
    train(run.resolve("a"), short1, false, "nightly");
    train(run.resolve("b"), short1, false, "other");
    train(run.resolve("c"), short1, false, "nightly");
    List<Row> rows = spark.read().parquet(run.resolve("shared-warehouse").resolve(TrainingMetrics.TABLE.name())
        .toString()).collectAsList();
    assertEquals(2, rows.size(), rows.toString());
  }

  @Test
  void checksTheDataAndDirectoriesBeforeTraining() throws Exception {
    Path empty = Files.createDirectories(run.resolve("no-data"));
    DataException missing = assertThrows(DataException.class,
        () -> train(run, Map.of("train.data", empty.toString()), false, null));
    assertTrue(missing.getMessage().contains("manifest.json"), missing.getMessage());

    Path notADirectory = Files.writeString(run.resolve("file"), "x");
    ConfigurationException export = assertThrows(ConfigurationException.class, () -> train(run,
        Map.of("train.spark.export-directory", notADirectory.resolve("export").toString()), false, null));
    assertTrue(export.getMessage().startsWith("train.spark.export-directory"), export.getMessage());
    assertTrue(Checkpoint.latest(run.resolve("train")).isEmpty(), "nothing trained");
  }

  @Test
  void refusesEmptyTrainingShards() throws Exception {
    Path data = copyOfPreparedData(run.resolve("empty-data"));
    Path shards = data.resolve("shards").resolve("train");
    io.g2lstm.common.Directories.deleteTree(shards);
    spark.createDataFrame(List.of(), io.g2lstm.spark.ShardSchema.SCHEMA).write().parquet(shards.toString());
    DataException e = assertThrows(DataException.class,
        () -> train(run, Map.of("train.data", data.toString()), false, null));
    assertTrue(e.getMessage().contains("expected training pairs in the shards, found none"), e.getMessage());
  }

  @Test
  void refusesToResumeWithAnotherVocabulary() throws Exception {
    Map<String, Object> quick = Map.of("train.epochs", 1, "train.max-batches-per-epoch", 2);
    train(run, quick, false, "vocabulary");
    Path data = copyOfPreparedData(run.resolve("other-vocabulary"));
    Files.writeString(data.resolve("vocab.tgt"), "extra\t1\n", java.nio.file.StandardOpenOption.APPEND);
    DataException e = assertThrows(DataException.class, () -> train(run,
        Map.of("train.epochs", 2, "train.data", data.toString()), true, null));
    assertTrue(e.getMessage().contains("expected the vocabularies"), e.getMessage());
  }

  private static Path copyOfPreparedData(Path target) throws Exception {
    Path source = work.resolve("prepared");
    try (var files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return target;
  }
}
