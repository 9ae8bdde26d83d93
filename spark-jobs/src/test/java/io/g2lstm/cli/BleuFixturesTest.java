package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.common.SharedDir;
import io.g2lstm.model.bleu.BleuMetric;
import io.g2lstm.model.bleu.BleuScore;
import io.g2lstm.model.bleu.BleuStatistics;
import io.g2lstm.model.bleu.BleuTokenizer;
import io.g2lstm.model.bleu.Smoothing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Compares BLEU with the outputs of sacreBLEU 2.6.0 and multi-bleu.perl in {@code shared/fixtures/bleu}: one test
 * per case and variant (sacreBLEU's settings, multi-bleu.perl with and without {@code -lc}, sentence-level BLEU),
 * named after them. Scores must agree within 1e-6, counts and lengths exactly, printed lines character for character.
 */
class BleuFixturesTest {

  private static final double TOLERANCE = 1e-6;

  /** A sacreBLEU variant of expected.json: the metric it stands for and the command-line options that select it. */
  private record Variant(BleuMetric metric, List<String> options) {}

  private static final BleuMetric DEFAULTS = BleuMetric.sacreBleuDefaults();
  private static final Map<String, Variant> SACREBLEU_VARIANTS = Map.of(
      "default", new Variant(DEFAULTS, List.of()),
      "lowercase", new Variant(DEFAULTS.withLowercase(true), List.of("--lowercase")),
      "tok_none", new Variant(DEFAULTS.withTokenizer(BleuTokenizer.NONE), List.of("--tokenize", "none")),
      "intl", new Variant(DEFAULTS.withTokenizer(BleuTokenizer.INTL), List.of("--tokenize", "intl")),
      "smooth_none", new Variant(DEFAULTS.withSmoothing(Smoothing.NONE), List.of("--smooth", "none")),
      "smooth_floor_0.1", new Variant(DEFAULTS.withSmoothing(Smoothing.FLOOR, 0.1),
          List.of("--smooth", "floor", "--smooth-value", "0.1")));
  private static final Map<String, List<String>> MULTI_BLEU_VARIANTS = Map.of(
      "multi_bleu", List.of("--multi-bleu"),
      "multi_bleu_lc", List.of("--multi-bleu", "--lowercase"));

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesTheReferenceImplementations() {
    Optional<Path> fixtures = SharedDir.resolve("fixtures/bleu");
    if (fixtures.isEmpty()) {
      // A test that skips itself, because Surefire does not report a test factory aborted by an assumption.
      return Stream.of(DynamicTest.dynamicTest("BLEU fixtures", () -> Assumptions.assumeTrue(false,
          "BLEU fixtures not found, skipping: " + SharedDir.describeSearch())));
    }
    Path dir = fixtures.get();
    Config expected = ConfigFactory.parseFile(dir.resolve("expected.json").toFile(),
        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON).setAllowMissing(false));
    List<DynamicTest> tests = new ArrayList<>();
    for (Config fixture : expected.getConfigList("cases")) {
      String name = fixture.getString("name");
      Path hypothesisFile = dir.resolve(fixture.getString("hyp"));
      List<Path> referenceFiles = new ArrayList<>();
      for (String reference : fixture.getStringList("refs")) {
        referenceFiles.add(dir.resolve(reference));
      }
      ConfigObject sacreBleu = fixture.getObject("sacrebleu");
      // Keys such as "smooth_floor_0.1" hold a dot, which a Config path would split: read them through the object.
      for (String label : new TreeSet<>(sacreBleu.keySet())) {
        Config want = ((ConfigObject) sacreBleu.get(label)).toConfig();
        String testName = name + " sacrebleu " + label;
        tests.add(DynamicTest.dynamicTest(testName,
            () -> checkSacreBleu(testName, SACREBLEU_VARIANTS.get(label), want, hypothesisFile, referenceFiles)));
      }
      ConfigObject multiBleu = fixture.getObject("multi_bleu_perl");
      for (String label : new TreeSet<>(multiBleu.keySet())) {
        String want = (String) multiBleu.get(label).unwrapped();
        String testName = name + " " + label;
        tests.add(DynamicTest.dynamicTest(testName,
            () -> checkMultiBleu(testName, MULTI_BLEU_VARIANTS.get(label), want, hypothesisFile, referenceFiles)));
      }
      List<? extends Config> sentences = fixture.getConfigList("sentence_bleu_effective_order");
      String testName = name + " sentence BLEU (effective order)";
      tests.add(DynamicTest.dynamicTest(testName,
          () -> checkSentences(testName, sentences, hypothesisFile, referenceFiles)));
    }
    assertFalse(tests.isEmpty(), "no cases in " + dir.resolve("expected.json"));
    return tests.stream();
  }

  private static void checkSacreBleu(String testName, Variant variant, Config want, Path hypothesisFile,
      List<Path> referenceFiles) throws IOException {
    assertNotNull(variant, testName + ": no settings known for this sacreBLEU variant");
    List<List<String>> referenceStreams = new ArrayList<>();
    for (Path file : referenceFiles) {
      referenceStreams.add(lines(file));
    }
    BleuStatistics statistics = variant.metric().statistics(lines(hypothesisFile), referenceStreams);
    BleuScore score = statistics.score();
    String printed = run(variant.options(), hypothesisFile, referenceFiles);
    List<Executable> checks = new ArrayList<>();
    checks.add(() -> assertEquals(want.getDouble("score"), score.score(), TOLERANCE, "score"));
    checks.add(() -> assertEquals(want.getLongList("counts"), score.matches(), "counts"));
    checks.add(() -> assertEquals(want.getLongList("totals"), score.totals(), "totals"));
    List<Double> precisions = want.getDoubleList("precisions");
    for (int n = 0; n < precisions.size(); n++) {
      int order = n + 1;
      double precision = precisions.get(n);
      checks.add(() -> assertEquals(precision, score.precisions().get(order - 1), TOLERANCE, "precision " + order));
    }
    checks.add(() -> assertEquals(want.getDouble("bp"), score.brevityPenalty(), TOLERANCE, "brevity penalty"));
    checks.add(() -> assertEquals(want.getLong("sys_len"), score.hypothesisLength(), "hypothesis length"));
    checks.add(() -> assertEquals(want.getLong("ref_len"), score.referenceLength(), "reference length"));
    checks.add(() -> assertEquals(want.getString("signature"), statistics.signature(), "signature"));
    checks.add(() -> assertEquals(want.getString("line"), score.line(), "line"));
    checks.add(() -> assertEquals(want.getString("line") + "\n" + want.getString("signature") + "\n", printed,
        "printed by the command"));
    assertAll(testName, checks);
  }

  private static void checkMultiBleu(String testName, List<String> options, String want, Path hypothesisFile,
      List<Path> referenceFiles) throws IOException {
    assertNotNull(options, testName + ": no options known for this multi-bleu.perl variant");
    assertEquals(want + "\n", run(options, hypothesisFile, referenceFiles), testName);
  }

  private static void checkSentences(String testName, List<? extends Config> sentences, Path hypothesisFile,
      List<Path> referenceFiles) throws IOException {
    BleuMetric metric = BleuMetric.sacreBleuDefaults().withEffectiveOrder(true);
    List<String> hypotheses = lines(hypothesisFile);
    List<List<String>> referenceStreams = new ArrayList<>();
    for (Path file : referenceFiles) {
      referenceStreams.add(lines(file));
    }
    List<Executable> checks = new ArrayList<>();
    for (Config sentence : sentences) {
      int index = sentence.getInt("index");
      List<String> references = new ArrayList<>();
      for (List<String> stream : referenceStreams) {
        references.add(stream.get(index));
      }
      double score = metric.sentenceScore(hypotheses.get(index), references).score();
      checks.add(() -> assertEquals(sentence.getDouble("score"), score, TOLERANCE, "segment " + index));
    }
    assertAll(testName, checks);
  }

  private static String run(List<String> options, Path hypothesisFile, List<Path> referenceFiles)
      throws IOException {
    List<String> args = new ArrayList<>(options);
    for (Path file : referenceFiles) {
      args.add(file.toString());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BleuCommand.run(args, new ByteArrayInputStream(Files.readAllBytes(hypothesisFile)), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  // The generator split the files at '\n' only, as sacreBLEU does.
  private static List<String> lines(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    lines.remove(lines.size() - 1);
    return lines;
  }
}
