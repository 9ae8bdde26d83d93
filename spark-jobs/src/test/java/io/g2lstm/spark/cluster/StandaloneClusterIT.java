package io.g2lstm.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.SyntheticCorpusConfig;
import io.g2lstm.spark.cluster.StandaloneCluster.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs on a Spark standalone cluster of two workers, submitted as a user would: what {@code local[N]} cannot
 * show is executors in JVMs of their own, which load the application jar the driver ships and need Spark's Java 17
 * options too. Runs under failsafe after {@code package}, which builds the application jar and the Spark runtime.
 */
class StandaloneClusterIT {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
  /** About 50 s on two idle cores; more on a shared machine, where every JVM loads ND4J in turn. */
  private static final Duration TRAIN_TIMEOUT = Duration.ofSeconds(240);
  private static final String TRAIN_RUN_ID = "cluster-it";

  /** Two partitions everywhere, so that each of the two executors gets tasks (and no stage runs 200 tiny ones). */
  private static final Map<String, String> TWO_PARTITIONS = Map.of(
      "spark.default.parallelism", "2",
      "spark.sql.shuffle.partitions", "2");

  /**
   * Two partitions. No clock setting: the trainer chooses the system clock for deeplearning4j-spark's statistics on
   * the executors itself (its default NTP clock fails where no NTP server answers, as here).
   */
  private static final Map<String, String> TRAINING = Map.of(
      "spark.default.parallelism", "2",
      "spark.sql.shuffle.partitions", "2");

  /**
   * The stages (in the driver's log) in which the replicas train: they are fitted inside the first stage of the
   * ordered sum of their parameters (a collect, or a shuffle when the sum has more than one level).
   */
  private static final Pattern FITTING_STAGE = Pattern.compile(
      "(?:Result|ShuffleMap)Stage (\\d+) \\(\\w+ at OrderedSum\\.java:\\d+\\) finished");
  /** A task an executor finished, from its log; group 1 is the stage. */
  private static final Pattern FINISHED_TASK = Pattern.compile("Finished task \\S+ in stage (\\d+)\\.\\d+ ");

  @TempDir
  static Path work;

  private static StandaloneCluster cluster;
  private static Submission prepare;

  @BeforeAll
  static void startCluster() throws IOException, InterruptedException {
    cluster = StandaloneCluster.start(FailsafeProperties.path("g2lstm.appJar"),
        FailsafeProperties.path("g2lstm.sparkLib"), 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void preparesTheCorpusOnTwoExecutors() throws IOException, InterruptedException {
    Submission run = prepareDemo();
    assertTrue(run.output().contains("prepare: wrote " + prepared()), run.output());
    assertTrue(Files.isRegularFile(prepared().resolve(PrepareManifest.MANIFEST)));

    // One executor per worker (<worker dir>/<app id>/<executor id>/stderr), and both ran tasks.
    assertEquals(2, run.executorLogs().size(), cluster::diagnostics);
    assertEquals(2, run.executorLogs().stream().map(log -> log.getParent().getParent().getParent()).distinct()
        .count(), cluster::diagnostics);
    for (Path log : run.executorLogs()) {
      assertTrue(Files.readString(log).contains("Finished task"), () -> log + " shows no task\n"
          + cluster.diagnostics());
    }
  }

  @Test
  void trainsOnTwoExecutorsAndTheAveragedModelImproves() throws IOException, InterruptedException {
    prepareDemo();
    Path config = Files.writeString(work.resolve("train.conf"),
        prepareConfig(work.resolve("corpus"), prepared()) + trainConfig());
    Submission run = cluster.submit(List.of("train", "--conf", config.toString(), "--run-id", TRAIN_RUN_ID),
        TRAINING, TRAIN_TIMEOUT);
    assertEquals(0, run.exitCode(), () -> "train exited with status " + run.exitCode() + "\n"
        + cluster.diagnostics());
    assertTrue(run.output().contains("epoch 2/2 done"), run.output());

    List<Row> rows = trainingMetrics();
    assertEquals(List.of(1, 2), rows.stream().map(r -> (int) r.getAs("epoch")).toList(), rows::toString);
    double first = rows.get(0).getAs("valid_perplexity");
    double second = rows.get(1).getAs("valid_perplexity");
    assertTrue(second < first, () -> "expected the validation perplexity to fall, found " + rows);
    assertEquals(2, (int) rows.get(1).getAs("workers"));

    // Each executor ran tasks of the stages in which deeplearning4j-spark fits the replicas.
    Set<String> fitting = matches(FITTING_STAGE, run.output());
    assertEquals(2, run.executorLogs().size(), cluster::diagnostics);
    for (Path log : run.executorLogs()) {
      Set<String> ran = matches(FINISHED_TASK, Files.readString(log));
      assertTrue(ran.stream().anyMatch(fitting::contains), () -> log + " shows no task of the fitting stages "
          + fitting + "\n" + cluster.diagnostics());
    }
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> found = new HashSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /**
   * Generates the synthetic corpus and prepares it on the cluster, once for the class: the prepare test checks this
   * run, and a training test starts from its output, {@link #prepared()}.
   */
  private static synchronized Submission prepareDemo() throws IOException, InterruptedException {
    if (prepare == null) {
      Path corpus = work.resolve("corpus");
      new SyntheticCorpus(11).writeSplits(corpus, 400, 40, 40);
      Path config = Files.writeString(work.resolve("prepare.conf"), prepareConfig(corpus, prepared()));
      prepare = cluster.submit(List.of("prepare", "--conf", config.toString()), TWO_PARTITIONS, JOB_TIMEOUT);
    }
    assertEquals(0, prepare.exitCode(), () -> "prepare exited with status " + prepare.exitCode() + "\n"
        + cluster.diagnostics());
    return prepare;
  }

  private static Path prepared() {
    return work.resolve("prepared");
  }

  private static String prepareConfig(Path corpus, Path output) {
    return SyntheticCorpusConfig.prepareBlock(corpus, output, "bpe.merges = 200", "partitions = 2",
        "train-shards = 2");
  }

  /**
   * A tiny model for two epochs of a few averaging rounds each. Minibatches are exported under the test's directory,
   * which every executor reads: they all run on this machine.
   */
  private static String trainConfig() {
    return "model { name = tiny, embedding-size = 16, hidden-size = 32, layers = 1, dropout = 0.0, gate.mode = g2 }\n"
        + "train {\n"
        + "  data = ${prepare.output}\n"
        + "  output = \"" + work.resolve("train") + "\"\n"
        + "  epochs = 2, batch-size = 16, optimizer = adam, learning-rate = 0.01, log-every = 1000\n"
        + "  max-batches-per-epoch = 16\n"
        + "  spark { workers = 2, averaging-frequency = 2, rdd-training = export, "
        + "export-directory = \"" + work.resolve("export") + "\" }\n"
        + "}\n"
        + "results.warehouse = \"" + warehouse() + "\"\n";
  }

  private static Path warehouse() {
    return work.resolve("warehouse");
  }

  /** The training run's rows of the metrics table, by epoch, read as any Spark job would read them. */
  private static List<Row> trainingMetrics() {
    SparkSession spark = SparkSessions.open("cluster-it-reader", Optional.of("local[1]"));
    try {
      return spark.read().parquet(warehouse().resolve("training_metrics").toString())
          .where(functions.col("run_id").equalTo(TRAIN_RUN_ID)).orderBy("epoch").collectAsList();
    } finally {
      spark.stop();
    }
  }
}
