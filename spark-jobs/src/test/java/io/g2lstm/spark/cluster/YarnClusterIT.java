package io.g2lstm.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.spark.SyntheticCorpusConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's jobs on YARN, submitted as a user does (deploy/README.md): {@code prepare} in client mode, one epoch of
 * {@code train} with two executors in cluster mode, and {@code evaluate} in both modes, the configuration shipped with
 * {@code --files} and named by its base name in cluster mode. Corpus, prepared data, exported minibatches,
 * checkpoints and tables are on HDFS. Tagged {@value #TAG}: {@code mvn verify
 * -DexcludedGroups=yarn} skips it locally; CI runs it.
 */
@Tag(YarnClusterIT.TAG)
class YarnClusterIT {

  static final String TAG = "yarn";
  private static final Duration TIMEOUT = Duration.ofSeconds(300);
  private static final String TRAIN_RUN_ID = "yarn-it";
  private static final Map<String, String> TWO_PARTITIONS = Map.of(
      "spark.default.parallelism", "2",
      "spark.sql.shuffle.partitions", "2");

  @TempDir
  static java.nio.file.Path work;
  private static YarnCluster yarn;

  @BeforeAll
  static void startYarn() throws IOException, InterruptedException {
    yarn = YarnCluster.start(FailsafeProperties.path("g2lstm.appJar"), FailsafeProperties.path("g2lstm.sparkLib"),
        FailsafeProperties.path("g2lstm.yarnLib"), FailsafeProperties.path("g2lstm.miniYarnLib"));
  }

  @AfterAll
  static void stopYarn() {
    if (yarn != null) {
      yarn.close();
    }
  }

  @Test
  void preparesTrainsAndEvaluatesInClientAndClusterMode() throws IOException, InterruptedException {
    FileSystem hdfs = FileSystem.get(yarn.hdfs(), new Configuration());
    new SyntheticCorpus(13).writeSplits(work.resolve("corpus"), 400, 40, 40);
    hdfs.copyFromLocalFile(new Path(work.resolve("corpus").toUri()), study("corpus"));
    java.nio.file.Path conf = Files.writeString(work.resolve("yarn-study.conf"), configuration());

    YarnCluster.Submission prepare = submit("client", List.of(), List.of("prepare", "--conf", conf.toString()));
    assertTrue(prepare.driverOutput().contains("prepare: wrote " + study("prepared")), prepare.driverOutput());
    assertTrue(hdfs.isFile(new Path(study("prepared"), PrepareManifest.MANIFEST)));

    // Cluster mode: the driver runs in the ApplicationMaster's container and finds the configuration by base name.
    YarnCluster.Submission train = submit("cluster", List.of(conf), List.of("train", "--conf",
        conf.getFileName().toString(), "--run-id", TRAIN_RUN_ID));
    assertTrue(train.driverOutput().contains("2 workers"), train.driverOutput());
    assertTrue(train.driverOutput().contains("epoch 1/1 done"), train.driverOutput());
    assertTrue(hdfs.isDirectory(new Path(study("train"), "checkpoints/epoch-001")));
    assertEquals(2, train.executorLogs().size(), yarn::diagnostics);
    assertTrue(train.executorLogs().stream().allMatch(log -> log.contains("Finished task")),
        "each of the two executor containers ran tasks\n" + yarn.diagnostics());

    for (String mode : List.of("client", "cluster")) {
      String confArgument = mode.equals("cluster") ? conf.getFileName().toString() : conf.toString();
      YarnCluster.Submission evaluate = submit(mode, List.of(conf), List.of("evaluate", "--model",
          study("train").toString(), "--conf", confArgument, "--run-id", "yarn-" + mode));
      assertTrue(evaluate.driverOutput().contains("BLEU = "), mode + ":\n" + evaluate.driverOutput());
      assertTrue(hdfs.isDirectory(new Path(study("warehouse"), "bleu_scores/run_id=yarn-" + mode)),
          mode + ": the scores' partition");
    }
  }

  /** A path of the study on HDFS. */
  private static Path study(String name) {
    return new Path(yarn.hdfs().resolve("/study/" + name));
  }

  /** Submits and checks that spark-submit succeeded (in cluster mode: that YARN reports the application so). */
  private static YarnCluster.Submission submit(String mode, List<java.nio.file.Path> files, List<String> args)
      throws IOException, InterruptedException {
    YarnCluster.Submission run = yarn.submit(mode, files, args, TWO_PARTITIONS, TIMEOUT);
    assertEquals(0, run.exitCode(), () -> args.get(0) + " in " + mode + " mode exited with status " + run.exitCode()
        + "\n" + yarn.diagnostics());
    if (mode.equals("cluster")) {
      assertTrue(run.submitOutput().contains("final status: SUCCEEDED"), run.submitOutput());
    }
    return run;
  }

  /** The study's configuration: everything on HDFS but the scratch directory of each JVM's temporary copies. */
  private static String configuration() {
    return SyntheticCorpusConfig.prepareBlock(study("corpus"), study("prepared"), "bpe.merges = 200, partitions = 2, "
        + "train-shards = 2")
        + "model { name = tiny, embedding-size = 16, hidden-size = 32, layers = 1, dropout = 0.0, gate.mode = g2 }\n"
        + "train {\n"
        + "  output = \"" + study("train") + "\"\n"
        + "  epochs = 1, batch-size = 16, optimizer = adam, learning-rate = 0.01, max-batches-per-epoch = 12\n"
        + "  spark { workers = 2, averaging-frequency = 2, export-directory = \"" + study("export") + "\" }\n"
        + "}\n"
        + "evaluate { beam = 2, max-length-extra = 4 }\n"
        + "results.warehouse = \"" + study("warehouse") + "\"\n"
        + "scratch.directory = \"" + work.resolve("scratch") + "\"\n";
  }
}
