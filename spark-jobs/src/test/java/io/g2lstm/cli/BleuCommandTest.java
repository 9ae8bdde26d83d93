package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.model.bleu.BleuMetric;
import io.g2lstm.model.bleu.BleuStatistics;
import io.g2lstm.model.bleu.BleuTokenizer;
import io.g2lstm.model.bleu.Smoothing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code bleu} command: its output for each mode and its errors. */
class BleuCommandTest {

  private static final String HYPOTHESES = "The dog runs across the green field.\nTwo men play chess in a park.\n";
  private static final String REFERENCES = "A dog is running across the green field.\nTwo men play chess.\n";

  @TempDir
  Path dir;

  private String run(String hypotheses, String... args) throws IOException {
    return run(hypotheses.getBytes(StandardCharsets.UTF_8), args);
  }

  private String run(byte[] hypotheses, String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BleuCommand.run(List.of(args), new ByteArrayInputStream(hypotheses), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private String file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8).toString();
  }

  @Test
  void printsSacreBleusLineAndSignature() throws IOException {
    String reference = file("ref.en", REFERENCES);
    BleuStatistics statistics = new BleuStatistics(BleuMetric.sacreBleuDefaults())
        .add("The dog runs across the green field.", "A dog is running across the green field.")
        .add("Two men play chess in a park.", "Two men play chess.");
    assertEquals(statistics.score().line() + "\nnrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0\n",
        run(HYPOTHESES, reference));
  }

  @Test
  void optionsSelectTheMetric() throws IOException {
    String reference = file("ref.en", REFERENCES);
    String other = file("ref1.en", "The dog runs across a field.\nTwo men play chess in the park.\n");
    BleuMetric metric = BleuMetric.sacreBleuDefaults().withTokenizer(BleuTokenizer.INTL).withLowercase(true)
        .withSmoothing(Smoothing.FLOOR, 0.2);
    BleuStatistics statistics = metric.statistics(List.of(HYPOTHESES.split("\n")),
        List.of(List.of(REFERENCES.split("\n")), List.of(Files.readString(Path.of(other)).split("\n"))));
    String output = run(HYPOTHESES, "--tokenize", "intl", "-lc", "--smooth", "floor", "--smooth-value", "0.2",
        reference, other);
    assertEquals(statistics.score().line() + "\nnrefs:2|case:lc|eff:no|tok:intl|smooth:floor[0.20]|version:2.6.0\n",
        output);
  }

  @Test
  void multiBleuPrintsTheScriptsLine() throws IOException {
    String reference = file("ref.en", "the cat sat on the mat\n");
    assertEquals("BLEU = 100.00, 100.0/100.0/100.0/100.0 (BP=1.000, ratio=1.000, hyp_len=6, ref_len=6)\n",
        run("THE cat sat on the mat\n", "--multi-bleu", "--lowercase", reference));
  }

  @Test
  void aLastLineWithoutLineEndCounts() throws IOException {
    String reference = file("ref.en", "a b c d\ne f g h");
    assertTrue(run("a b c d\ne f g h", reference).startsWith("BLEU = 100.00 "));
  }

  @Test
  void referencesWithAnotherLineCountAreRejectedNamingFileAndCounts() throws IOException {
    String reference = file("short.en", "only one line\n");
    DataException e = assertThrows(DataException.class, () -> run(HYPOTHESES, reference));
    assertTrue(e.getMessage().contains(reference), e.getMessage());
    assertTrue(e.getMessage().contains("2 lines") && e.getMessage().contains("1 line"), e.getMessage());
  }

  @Test
  void aMissingReferenceFileIsNamed() {
    String missing = dir.resolve("missing.en").toString();
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> run(HYPOTHESES, missing));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
  }

  @Test
  void malformedUtf8IsBadData() throws IOException {
    String reference = file("ref.en", "a\n");
    DataException e = assertThrows(DataException.class, () -> run(new byte[] {(byte) 0xC3, '\n'}, reference));
    assertTrue(e.getMessage().contains("standard input"), e.getMessage());
  }

  @Test
  void badCommandLinesAreConfigurationErrors() throws IOException {
    String reference = file("ref.en", REFERENCES);
    List<List<String>> badArgs = List.of(
        List.of("--unknown", reference),
        List.of(),
        List.of("--tokenize", "zh", reference),
        List.of("--smooth", "linear", reference),
        List.of("--smooth-value", "0.1", reference),
        List.of("--smooth", "floor", "--smooth-value", "-0.1", reference),
        List.of("--smooth", "floor", "--smooth-value", "x", reference),
        List.of("--multi-bleu", "--tokenize", "13a", reference));
    for (List<String> args : badArgs) {
      assertThrows(ConfigurationException.class, () -> run(HYPOTHESES, args.toArray(new String[0])),
          String.join(" ", args));
    }
  }

  @Test
  void multiBleuReadsBytes() throws IOException {
    // Malformed UTF-8 is no error for the script, which compares bytes.
    String reference = file("ref.en", "a b\n");
    assertEquals("BLEU = 0.00, 50.0/0.0/0.0/0.0 (BP=1.000, ratio=1.000, hyp_len=2, ref_len=2)\n",
        run(new byte[] {'a', ' ', (byte) 0xC3, '\n'}, "--multi-bleu", reference));
  }
}
