package io.g2lstm.prep.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.SharedDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares the tokenizer and detokenizer with the outputs of Moses's scripts in {@code shared/fixtures/tokenizer}:
 * one test per expected-output file, named after it, requiring at least 99.5% identical lines.
 */
class MosesFixturesTest {

  private static final double REQUIRED_MATCH_RATE = 0.995;
  private static final int MISMATCHES_SHOWN = 5;
  private static final Pattern EXPECTED_FILE =
      Pattern.compile("(.+)\\.(tok|tok-noescape|tok-aggressive|tok\\.detok)\\.(en|de)");

  @TestFactory
  Stream<DynamicTest> everyFixtureFileMatchesMoses() throws IOException {
    Optional<Path> fixtures = SharedDir.resolve("fixtures/tokenizer");
    if (fixtures.isEmpty()) {
      // A test that skips itself, because Surefire does not report a test factory aborted by an assumption.
      return Stream.of(DynamicTest.dynamicTest("Moses fixtures", () -> Assumptions.assumeTrue(false,
          "Moses tokenizer fixtures not found, skipping: " + SharedDir.describeSearch())));
    }
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(fixtures.get())) {
      files.map(path -> path.getFileName().toString()).sorted().forEach(name -> {
        Matcher matcher = EXPECTED_FILE.matcher(name);
        if (matcher.matches()) {
          tests.add(DynamicTest.dynamicTest(name,
              () -> compare(fixtures.get(), name, matcher.group(1), matcher.group(2), matcher.group(3))));
        }
      });
    }
    assertFalse(tests.isEmpty(), "no fixture files named BASE.VARIANT.LANG in " + fixtures.get());
    return tests.stream();
  }

  private static void compare(Path dir, String expectedName, String base, String variant, String language)
      throws IOException {
    MosesTokenizer tokenizer = MosesTokenizer.forLanguage(language);
    UnaryOperator<String> transform;
    String inputName;
    switch (variant) {
      case "tok" -> {
        transform = tokenizer::tokenize;
        inputName = base + "." + language;
      }
      case "tok-noescape" -> {
        transform = tokenizer.withEscape(false)::tokenize;
        inputName = base + "." + language;
      }
      case "tok-aggressive" -> {
        transform = tokenizer.withAggressiveHyphenSplit(true)::tokenize;
        inputName = base + "." + language;
      }
      default -> {
        transform = MosesDetokenizer.forLanguage(language)::detokenize;
        inputName = base + ".tok." + language;
      }
    }
    List<String> input = Files.readAllLines(dir.resolve(inputName), StandardCharsets.UTF_8);
    List<String> expected = Files.readAllLines(dir.resolve(expectedName), StandardCharsets.UTF_8);
    assertEquals(input.size(), expected.size(), inputName + " and " + expectedName + " differ in line count");

    int matching = 0;
    StringBuilder mismatches = new StringBuilder();
    for (int i = 0; i < input.size(); i++) {
      String found = transform.apply(input.get(i));
      if (found.equals(expected.get(i))) {
        matching++;
      } else if (i - matching < MISMATCHES_SHOWN) {
        mismatches.append("  line ").append(i + 1).append('\n')
            .append("    expected: ").append(expected.get(i)).append('\n')
            .append("    found:    ").append(found).append('\n');
      }
    }
    double rate = (double) matching / input.size();
    System.out.printf(Locale.ROOT, "%s: %d/%d = %.2f%%%n", expectedName, matching, input.size(), 100 * rate);
    if (mismatches.length() > 0) {
      System.out.print(mismatches);
    }
    assertTrue(rate >= REQUIRED_MATCH_RATE, String.format(Locale.ROOT,
        "%s: %.2f%% of lines identical, below %.1f%%%n%s", expectedName, 100 * rate, 100 * REQUIRED_MATCH_RATE,
        mismatches));
  }
}
