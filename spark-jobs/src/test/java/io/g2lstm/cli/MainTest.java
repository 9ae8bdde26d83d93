package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

  @TempDir
  Path dir;

  private String run(int expectedStatus, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(expectedStatus, status, message);
    return message;
  }

  /** What a command printed on standard output and standard error. */
  private record Printed(String out, String err) {}

  private static Printed runCapturing(int expectedStatus, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    Printed printed = new Printed(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertEquals(expectedStatus, status, printed.toString());
    return printed;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tokenize", "detokenize", "bpe", "translate", "bleu", "compress", "average", "prepare",
      "train", "evaluate", "sweep", "gates", "report", "sql", "tables", "demo", "bench"})
  void everyCommandPrintsItsOwnUsageOnStandardOutput(String command) {
    for (String[] args : List.of(new String[] {command, "--help"}, new String[] {command, "-h"},
        new String[] {"help", command}, new String[] {command, "--conf", "x.conf", "--help"})) {
      Printed printed = runCapturing(0, args);
      assertEquals("", printed.err());
      assertTrue(printed.out().startsWith("usage:\n  g2lstm " + command + " "), printed.out());
      assertTrue(printed.out().lines().filter(line -> line.startsWith("  g2lstm "))
          .allMatch(line -> line.startsWith("  g2lstm " + command + " ")), printed.out());
    }
  }

  @Test
  void bpeHelpOfASubcommandShowsBothForms() {
    String out = runCapturing(0, "bpe", "apply", "--help").out();
    assertTrue(out.contains("g2lstm bpe learn") && out.contains("g2lstm bpe apply -c CODES"), out);
  }

  @Test
  void helpListsEveryCommandOnStandardOutputAndNoCommandIsAUsageError() {
    Printed help = runCapturing(0, "--help");
    assertTrue(help.out().startsWith("usage: g2lstm <command> [options]") && help.out().contains("  sweep --model"),
        help.out());
    Printed none = runCapturing(2);
    assertEquals("", none.out());
    assertTrue(none.err().startsWith("usage: g2lstm <command> [options]"), none.err());
    assertTrue(runCapturing(2, "help", "frobnicate").err().contains("found 'frobnicate'"));
  }

  @Test
  void unknownCommandIsAUsageError() {
    String message = run(2, "frobnicate");
    assertTrue(message.contains("found 'frobnicate'") && message.contains("prepare"), message);
  }

  @Test
  void unknownOptionIsNamed() {
    String message = run(2, "prepare", "--cnof", "x.conf");
    assertTrue(message.contains("'--cnof'"), message);
  }

  @Test
  void missingConfigurationFileIsNamed() {
    String message = run(2, "prepare", "--conf", dir.resolve("none.conf").toString());
    assertTrue(message.contains("none.conf") && message.contains("no such file"), message);
  }

  @Test
  void badDataIsReportedAsOneLineAndNothingIsWritten() throws IOException {
    Path corpus = dir.resolve("corpus");
    Files.createDirectories(corpus);
    Files.writeString(corpus.resolve("train.src"), "a b\nc d\n");
    Files.writeString(corpus.resolve("train.tgt"), "x y\n");
    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "prepare {\n  output = \"" + dir.resolve("out") + "\"\n"
        + "  corpora.train = [{ format = plain, source = \"" + corpus.resolve("train.src") + "\", target = \""
        + corpus.resolve("train.tgt") + "\" }]\n  partitions = 1\n}\n");
    String message = run(1, "prepare", "--conf", conf.toString(), "--master", "local[1]");
    assertTrue(message.startsWith("g2lstm prepare: error: corpus 'train.src': expected the same number of lines"),
        message);
    assertTrue(message.contains("2 in ") && message.contains("1 in "), message);
    assertFalse(Files.exists(dir.resolve("out")));
    try (var siblings = Files.list(dir)) {
      assertEquals(List.of("bad.conf", "corpus"), siblings.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void missingCorpusFileIsNamedBeforeSparkWorkStarts() throws IOException {
    Path conf = dir.resolve("missing.conf");
    Files.writeString(conf, "prepare {\n  output = \"" + dir.resolve("out") + "\"\n"
        + "  corpora.train = [{ name = europarl, format = plain, source = \"" + dir.resolve("nope.en")
        + "\", target = \"" + dir.resolve("nope.de") + "\" }]\n}\n");
    String message = run(1, "prepare", "--conf", conf.toString(), "--master", "local[1]");
    assertTrue(message.contains("corpus 'europarl'") && message.contains("nope.en"), message);
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void checkNamesAMissingCorpusFileAndRefusesAnOutputPrepareDidNotWrite() throws IOException {
    Files.writeString(dir.resolve("a.en"), "a\n");
    Files.writeString(dir.resolve("a.de"), "a\n");
    Path conf = dir.resolve("check.conf");
    Files.writeString(conf, "prepare {\n  output = \"" + dir.resolve("out") + "\"\n"
        + "  corpora.train = [{ name = europarl, format = plain, source = \"" + dir.resolve("a.en")
        + "\", target = \"" + dir.resolve("nope.de") + "\" }]\n}\n");
    assertOneLine(run(1, "prepare", "--conf", conf.toString(), "--check"), "corpus 'europarl'", "nope.de");
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out").resolve("notes.txt"), "mine");
    Files.writeString(conf, Files.readString(conf).replace("nope.de", "a.de"));
    assertOneLine(run(1, "prepare", "--conf", conf.toString(), "--check"), "prepare.output",
        dir.resolve("out").toString());
    assertEquals(List.of(dir.resolve("out").resolve("notes.txt")), Files.list(dir.resolve("out")).toList());
  }

  @Test
  void onlyTheDriverOfAYarnClusterModeApplicationReturnsFromMain() {
    assertFalse(Main.inYarnApplicationMaster());
    for (String[] properties : List.of(new String[] {"cluster", "yarn"}, new String[] {"client", "yarn"},
        new String[] {"cluster", "k8s://https://api:6443"})) {
      System.setProperty("spark.submit.deployMode", properties[0]);
      System.setProperty("spark.master", properties[1]);
      try {
        assertEquals(properties[0].equals("cluster") && properties[1].equals("yarn"), Main.inYarnApplicationMaster(),
            List.of(properties).toString());
      } finally {
        System.clearProperty("spark.submit.deployMode");
        System.clearProperty("spark.master");
      }
    }
  }

  @Test
  void checkBelongsToTrainingOnSpark() throws IOException {
    Path conf = dir.resolve("empty.conf");
    Files.writeString(conf, "");
    assertOneLine(run(2, "train", "--local", "--conf", conf.toString(), "--check"), "'train --local'",
        "--check");
  }

  @Test
  void unknownKeyInTheConfigurationIsAUsageError() throws IOException {
    Path conf = dir.resolve("typo.conf");
    Files.writeString(conf, "prepare.corpora.train = [{ format = plain, source = a, target = b }]\n"
        + "prepare.bpe.merge = 10\n");
    String message = run(2, "prepare", "--conf", conf.toString());
    assertTrue(message.contains("typo.conf:2") && message.contains("'prepare.bpe.merge'"), message);
  }

  /** The error is one line naming what was wrong, with no trace. */
  private static void assertOneLine(String message, String... parts) {
    assertEquals(1, message.lines().count(), message);
    for (String part : parts) {
      assertTrue(message.contains(part), "expected '" + part + "' in " + message);
    }
  }

  @Test
  void aMissingOrWrongFileNamedByAnOptionIsOneUsageErrorLine() throws IOException {
    Path missing = dir.resolve("codes.txt");
    assertOneLine(run(2, "bpe", "apply", "-c", missing.toString()), "'bpe apply': option -c: expected a readable "
        + "file, found no file " + missing);
    assertOneLine(run(2, "bpe", "apply", "-c", dir.toString()), "option -c", "found a directory " + dir);
    Path codes = Files.writeString(dir.resolve("codes"), "#version: 0.2\n");
    assertOneLine(run(2, "bpe", "apply", "-c", codes.toString(), "--vocabulary", missing.toString()),
        "option --vocabulary", missing.toString());
  }

  @Test
  void anUnwritableCompressOutputIsOneLineAndNothingIsWritten() throws IOException {
    Path train = TinyCheckpoint.write(dir);
    Path inTheWay = Files.writeString(dir.resolve("read-only"), "a file where a directory should be");
    Path output = inTheWay.resolve("compressed");
    assertOneLine(run(2, "compress", "--model", train.toString(), "--method", "round", "--output",
        output.toString()), "g2lstm compress: error: --output " + output + ": expected a location this job can "
        + "write to");
    assertEquals("a file where a directory should be", Files.readString(inTheWay));
  }

  @Test
  void aBadMasterIsAUsageError() throws IOException {
    Path conf = dir.resolve("p.conf");
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(corpus.resolve("a"), "x\n");
    Files.writeString(conf, "prepare { output = \"" + dir.resolve("out") + "\", corpora.train = [{ format = plain, "
        + "source = \"" + corpus.resolve("a") + "\", target = \"" + corpus.resolve("a") + "\" }] }\n");
    assertOneLine(run(2, "prepare", "--conf", conf.toString(), "--master", "bogus"),
        "option --master: expected a Spark master URL", "found 'bogus'");
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aMissingIncludeIsNamed() throws IOException {
    Path conf = Files.writeString(dir.resolve("job.conf"), "include \"commons.conf\"\nprepare.partitions = 1\n");
    assertOneLine(run(2, "prepare", "--conf", conf.toString()), conf + ": include \"commons.conf\": expected a "
        + "readable file");
  }
}
