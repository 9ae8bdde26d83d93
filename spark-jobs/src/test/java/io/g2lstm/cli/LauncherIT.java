package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.prep.pipeline.PrepareManifest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar run as {@code bin/g2lstm} runs it (its logging configuration included), in a JVM of its own:
 * what a user sees on standard error when a job fails on bad input. Runs under failsafe after {@code package}.
 */
class LauncherIT {

  @TempDir
  Path dir;

  private record Outcome(int status, String out, String err) {}

  private Outcome g2lstm(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx2g", "-Dlog4j2.configurationFile=g2lstm/log4j2.properties"));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens"))
        .forEach(command::add);
    command.addAll(List.of("-cp", System.getProperty("g2lstm.appJar") + ":" + System.getProperty("g2lstm.sparkLib")
        + "/*", Main.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("OMP_NUM_THREADS", "1");
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command did not end");
    return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Path corpusConfiguration(String targetText) throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(corpus.resolve("train.src"), "a b\nc d\ne f\n");
    Files.writeString(corpus.resolve("train.tgt"), targetText);
    return Files.writeString(dir.resolve("job.conf"), "prepare {\n  output = \"" + dir.resolve("out") + "\"\n"
        + "  corpora.train = [{ format = plain, source = \"" + corpus.resolve("train.src") + "\", target = \""
        + corpus.resolve("train.tgt") + "\" }]\n  partitions = 2\n}\n");
  }

  @Test
  void badDataInASparkTaskIsOneLineOnStandardError() throws IOException, InterruptedException {
    Outcome outcome = g2lstm("prepare", "--conf", corpusConfiguration("x y\n").toString(), "--master", "local[2]");
    assertEquals(1, outcome.status(), outcome.err());
    assertEquals(1, outcome.err().lines().count(), outcome.err());
    assertTrue(outcome.err().startsWith("g2lstm prepare: error: corpus 'train.src': expected the same number of "
        + "lines in both files, found 3 in "), outcome.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aBadMasterIsOneUsageErrorLine() throws IOException, InterruptedException {
    Outcome outcome = g2lstm("prepare", "--conf", corpusConfiguration("x\ny\nz\n").toString(), "--master",
        "bogus");
    assertEquals(2, outcome.status(), outcome.err());
    assertEquals("g2lstm prepare: error: option --master: expected a Spark master URL (local[N], spark://HOST:PORT, "
        + "yarn, k8s://URL), found 'bogus'\n", outcome.err());
  }

  /**
   * Parquet's writer orders each footer's encoding lists by identity hash codes, which differ between JVMs; the
   * shards' bytes, and so the manifest's checksums, must not.
   */
  @Test
  void preparedDataIsTheSameBytesFromOneJvmToTheNext() throws IOException, InterruptedException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    new SyntheticCorpus(5).writeSplits(corpus, 400, 40, 40);
    Path conf = Files.writeString(dir.resolve("prepare.conf"), "paths.corpus = \"" + corpus + "\"\n"
        + "prepare { output = \"" + dir.resolve("prepared") + "\", bpe.merges = 200, partitions = 2, train-shards = 2\n"
        + "  corpora.train = [{ format = plain, source = ${paths.corpus}\"/train.src\", target = ${paths.corpus}"
        + "\"/train.tgt\" }]\n  corpora.valid = [{ format = plain, source = ${paths.corpus}\"/valid.src\", "
        + "target = ${paths.corpus}\"/valid.tgt\" }]\n}\n");
    List<String> manifests = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      Outcome outcome = g2lstm("prepare", "--conf", conf.toString(), "--master", "local[2]");
      assertEquals(0, outcome.status(), outcome.err());
      manifests.add(Files.readString(dir.resolve("prepared").resolve(PrepareManifest.MANIFEST)));
    }
    assertEquals(manifests.get(0), manifests.get(1));
    assertEquals(manifests.get(0), manifests.get(2));
  }

  @Test
  void helpGoesToStandardOutput() throws IOException, InterruptedException {
    Outcome outcome = g2lstm("evaluate", "--help");
    assertEquals(0, outcome.status(), outcome.err());
    assertEquals("", outcome.err());
    assertTrue(outcome.out().startsWith("usage:\n  g2lstm evaluate --model CHECKPOINT"), outcome.out());
  }
}
