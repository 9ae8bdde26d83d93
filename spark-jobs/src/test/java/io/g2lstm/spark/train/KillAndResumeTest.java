package io.g2lstm.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.results.TrainingMetrics;
import io.g2lstm.spark.SparkSessions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run killed in the middle of an epoch, as a lost driver machine or an out-of-memory kill would end it,
 * and then started again. Only a real kill shows what a crash leaves behind: the trainer runs in a JVM of its own,
 * through the command line, and is killed with SIGKILL, so no {@code finally} block or shutdown hook tidies up.
 */
class KillAndResumeTest {

  private static final String RUN_ID = "killed-run";
  private static final int EPOCHS = 3;
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
  /** The trainer's line after each epoch; group 1 is the epoch, group 2 its wall time in seconds. */
  private static final Pattern EPOCH_DONE = Pattern.compile("epoch (\\d+)/" + EPOCHS + " done: .*, ([0-9.]+) s; ");

  private static SparkSession spark;
  private static Path work;

  @TempDir
  Path run;

  @BeforeAll
  static void start() {
    spark = SparkSessions.open("kill-and-resume-test", Optional.of("local[2]"));
    work = TrainingFixture.work(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aRunKilledDuringAnEpochResumesFromItsLatestCheckpointAndRecordsEachEpochOnce() throws Exception {
    // About 32 minibatches an epoch: a few seconds, long enough to be killed in the middle of one.
    SettingsReader config = TrainingFixture.configuration(work, run, Map.of("train.epochs", EPOCHS,
        "train.max-batches-per-epoch", 32));
    Path conf = Files.writeString(run.resolve("train.conf"), JobSettings.read(config, SparkTrainer.Settings::from)
        .resolved());

    String first = killDuring(2, conf, "--run-id", RUN_ID);
    assertEquals(List.of(1), tableEpochs(), first);
    assertEquals(1, latestCheckpoint().state().epoch(), first);
    Row epochOne = tableRows().get(0);

    // --resume without a run id continues the run of the latest checkpoint, under its id; killed again.
    String resumed = killDuring(3, conf, "--resume");
    assertTrue(resumed.contains("train: run " + RUN_ID + " resuming from "), resumed);
    // Each killed trainer left its scratch directory; the second removed the first's as it started.
    List<String> scratch = visibleNames(run.resolve("scratch"));
    assertEquals(1, scratch.size(), scratch.toString());
    assertEquals(List.of(1, 2), tableEpochs(), resumed);
    assertEquals(2, latestCheckpoint().state().epoch(), resumed);

    // The first command again, as a scheduler's retry would run it (in this JVM, where Spark is up): it trains
    // epoch 3 only.
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SparkTrainer.Result result = TrainingFixture.trainer(spark, SettingsReader.load(conf),
        new PrintStream(log, true, StandardCharsets.UTF_8)).run(false, Optional.of(RUN_ID));
    String finished = log.toString(StandardCharsets.UTF_8);
    assertTrue(finished.contains("train: run " + RUN_ID + " resuming from "), finished);
    assertEquals(List.of(3), doneEpochs(finished), finished);
    assertEquals(List.of(1, 2, 3), result.metrics().stream().map(TrainingMetrics::epoch).toList());

    List<Row> rows = tableRows();
    assertEquals(List.of(1, 2, 3), tableEpochs(), rows::toString);
    assertEquals(epochOne, rows.get(0), "epoch 1's row, recorded before the kills, is kept as it was");
    for (Row row : rows) {
      assertEquals(RUN_ID, row.getAs("run_id"));
    }
    long stepOne = rows.get(0).getAs("step");
    long stepTwo = rows.get(1).getAs("step");
    long stepThree = rows.get(2).getAs("step");
    assertTrue(0 < stepOne && stepOne < stepTwo && stepTwo < stepThree, rows::toString);
    Checkpoint latest = latestCheckpoint();
    assertEquals(EPOCHS, latest.state().epoch());
    assertEquals(RUN_ID, latest.state().runId());
    assertEquals(stepThree, latest.state().step());

    // Spark's and Hadoop's readers skip names starting with '.' or '_', so a crash may leave those behind; nothing
    // else may be left in the table, nor beside the checkpoints (which are found through 'latest' and 'best').
    Path table = run.resolve("warehouse").resolve(TrainingMetrics.TABLE.name());
    assertEquals(List.of("run_id=" + RUN_ID), visibleNames(table));
    for (String file : visibleNames(table.resolve("run_id=" + RUN_ID))) {
      assertTrue(file.startsWith("part-") && file.endsWith(".parquet"), file);
    }
    assertEquals(List.of(Checkpoint.BEST, "epoch-001", "epoch-002", "epoch-003", Checkpoint.LATEST),
        visibleNames(run.resolve("train").resolve(Checkpoint.DIRECTORY)));
    // The killed attempts' exported minibatches are removed when the run continues, its own when it ends.
    assertEquals(List.of(), visibleNames(run.resolve("train").resolve("export")));
  }

  /**
   * Starts {@code train} in a JVM of its own, waits until it has finished epoch {@code epoch - 1} and is well into
   * {@code epoch}, kills it and returns its output. Fails if it finished {@code epoch} before the kill.
   */
  private String killDuring(int epoch, Path conf, String... options) throws IOException, InterruptedException {
    Path log = Files.createTempFile(run, "train-", ".log");
    Process trainer = start(conf, log, options);
    try {
      long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
      Optional<Double> previousSeconds = Optional.empty();
      while (previousSeconds.isEmpty()) {
        if (!trainer.isAlive() || System.nanoTime() > deadline) {
          fail("expected train to finish epoch " + (epoch - 1) + " and go on, found it "
              + (trainer.isAlive() ? "still running after " + RUN_TIMEOUT : "exited with " + trainer.exitValue())
              + ":\n" + Files.readString(log));
        }
        previousSeconds = epochSeconds(Files.readString(log), epoch - 1);
        Thread.sleep(100);
      }
      // Epochs after the first take about as long as it, or less (the JIT has warmed up): a third is inside one.
      Thread.sleep(Math.round(previousSeconds.get() * 1000 / 3));
      assertTrue(trainer.isAlive(), () -> "train exited before it could be killed:\n" + readQuietly(log));
    } finally {
      trainer.destroyForcibly();
      trainer.waitFor();
    }
    String output = Files.readString(log);
    assertEquals(epoch - 1, doneEpochs(output).stream().mapToInt(Integer::intValue).max().orElse(0),
        () -> "expected the kill to come during epoch " + epoch + ", found:\n" + output);
    return output;
  }

  /**
   * {@code java -cp <the test class path> io.g2lstm.cli.Main train --conf FILE --master local[2] options...},
   * with the Java 17 options this JVM got from the build, its output (standard error too) going to {@code log}.
   */
  private static Process start(Path conf, Path log, String... options) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g"));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens"))
        .forEach(command::add);
    // Surefire starts this JVM from a jar that only names the class path in its manifest; it gives the real one here.
    command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")), "io.g2lstm.cli.Main", "train", "--conf", conf.toString(),
        "--master", "local[2]"));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.environment().put("G2LSTM_SCRATCH", conf.resolveSibling("scratch").toString());
    return builder.start();
  }

  /** The wall time of {@code epoch} from the trainer's output, once it has printed that the epoch is done. */
  private static Optional<Double> epochSeconds(String output, int epoch) {
    Matcher m = EPOCH_DONE.matcher(output);
    while (m.find()) {
      if (Integer.parseInt(m.group(1)) == epoch) {
        return Optional.of(Double.parseDouble(m.group(2)));
      }
    }
    return Optional.empty();
  }

  private static List<Integer> doneEpochs(String output) {
    List<Integer> epochs = new ArrayList<>();
    Matcher m = EPOCH_DONE.matcher(output);
    while (m.find()) {
      epochs.add(Integer.parseInt(m.group(1)));
    }
    return epochs;
  }

  private List<Row> tableRows() {
    return spark.read().parquet(run.resolve("warehouse").resolve(TrainingMetrics.TABLE.name()).toString())
        .orderBy("epoch").collectAsList();
  }

  private List<Integer> tableEpochs() {
    return tableRows().stream().map(r -> (int) r.getAs("epoch")).toList();
  }

  private Checkpoint latestCheckpoint() {
    return Checkpoint.latest(run.resolve("train")).orElseThrow();
  }

  /** The entries of a directory that Hadoop's and Spark's readers see: not hidden by a leading '.' or '_'. */
  private static List<String> visibleNames(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".") && !n.startsWith("_"))
          .sorted().toList();
    }
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(could not read " + log + ": " + e + ")";
    }
  }
}
