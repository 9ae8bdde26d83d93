package io.g2lstm.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.spark.cluster.StandaloneCluster.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  /** Two partitions everywhere, so that each of the two executors gets tasks (and no stage runs 200 tiny ones). */
  private static final Map<String, String> TWO_PARTITIONS = Map.of(
      "spark.default.parallelism", "2",
      "spark.sql.shuffle.partitions", "2");

  @TempDir
  static Path work;

  private static StandaloneCluster cluster;
  private static Submission prepare;

  @BeforeAll
  static void startCluster() throws IOException, InterruptedException {
    cluster = StandaloneCluster.start(Path.of(requiredProperty("g2lstm.appJar")),
        Path.of(requiredProperty("g2lstm.sparkLib")), 2);
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
    return "paths.corpus = \"" + corpus + "\"\n"
        + "prepare {\n"
        + "  output = \"" + output + "\"\n"
        + "  corpora.train = [{ format = plain, source = ${paths.corpus}\"/train.src\", "
        + "target = ${paths.corpus}\"/train.tgt\" }]\n"
        + "  corpora.valid = [{ format = plain, source = ${paths.corpus}\"/valid.src\", "
        + "target = ${paths.corpus}\"/valid.tgt\" }]\n"
        + "  corpora.test = [{ format = plain, source = ${paths.corpus}\"/test.src\", "
        + "target = ${paths.corpus}\"/test.tgt\" }]\n"
        + "  bpe.merges = 200\n"
        + "  partitions = 2\n"
        + "  train-shards = 2\n"
        + "}\n";
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("expected the system property " + name + " (set by failsafe: run "
          + "'mvn verify'), found none");
    }
    return value;
  }
}
