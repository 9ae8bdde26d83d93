package io.g2lstm.prep.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.g2lstm.common.SharedDir;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte-for-byte comparison with the outputs of subword-nmt kept in {@code shared/fixtures/bpe}. */
class BpeFixtureTest {

  private static Path fixtures;
  private static BpeCodes jointCodes;

  @BeforeAll
  static void learnJointCodes() throws IOException {
    Optional<Path> found = SharedDir.resolve("fixtures/bpe");
    if (found.isEmpty()) {
      return;
    }
    fixtures = found.get();
    jointCodes = new BpeLearner(8000).learn(new StringReader(jointTrainingText()));
  }

  @BeforeEach
  void requireFixtures() {
    Assumptions.assumeTrue(fixtures != null, "shared/fixtures/bpe not found: " + SharedDir.describeSearch());
  }

  @Test
  void jointCodesEqualLearnBpe() throws IOException {
    assertSameText("multi30k.joint.s8000.codes", render(jointCodes));
  }

  @Test
  void totalSymbolsCodesEqualLearnBpe() throws IOException {
    BpeCodes codes = new BpeLearner(8000).withTotalSymbols(true).learn(new StringReader(jointTrainingText()));
    assertSameText("multi30k.joint.s8000.total-symbols.codes", render(codes));
  }

  @Test
  void minFrequencyCodesEqualLearnBpe() throws IOException {
    BpeCodes codes = new BpeLearner(2000).withMinFrequency(5).learn(new StringReader(read("multi30k.train.tok.en")));
    assertSameText("multi30k.en.s2000.minfreq5.codes", render(codes));
  }

  @Test
  void codesDoNotDependOnTheOrderOfTheCounts() throws IOException {
    Map<String, Long> counts = BpeLearner.countWords(new StringReader(read("multi30k.train.tok.en")));
    List<String> words = new ArrayList<>(counts.keySet());
    Collections.shuffle(words, new Random(7));
    Map<String, Long> shuffled = new LinkedHashMap<>();
    for (String word : words) {
      shuffled.put(word, counts.get(word));
    }
    BpeCodes codes = new BpeLearner(2000).withMinFrequency(5).learn(shuffled);
    assertSameText("multi30k.en.s2000.minfreq5.codes", render(codes));
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void applyEqualsApplyBpe(String language) throws IOException {
    StringWriter out = new StringWriter();
    BpeApplier.of(jointCodes).applyLines(new StringReader(read("multi30k.val.tok." + language)), out);
    assertSameText("multi30k.val.tok.bpe8000." + language, out.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void vocabularyEqualsLearnJointBpeAndVocab(String language) throws IOException {
    BpeVocabulary vocabulary = BpeVocabulary.count(
        new StringReader(read("multi30k.train.tok." + language)), BpeApplier.of(jointCodes));
    StringWriter out = new StringWriter();
    vocabulary.write(out);
    assertSameText("multi30k.vocab." + language, out.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void vocabularyFilterEqualsApplyBpe(String language) throws IOException {
    BpeVocabulary vocabulary = BpeVocabulary.read(fixtures.resolve("multi30k.vocab." + language));
    BpeApplier applier = BpeApplier.builder(jointCodes).vocabulary(vocabulary.tokensWithCountAtLeast(50)).build();
    StringWriter out = new StringWriter();
    applier.applyLines(new StringReader(read("multi30k.val.tok." + language)), out);
    assertSameText("multi30k.val.tok.bpe8000.vocab50." + language, out.toString());
  }

  @Test
  void codesFileReadsBackUnchanged() throws IOException {
    BpeCodes codes = BpeCodes.read(fixture("multi30k.joint.s8000.codes"));
    assertEquals(8000, codes.size());
    assertSameText("multi30k.joint.s8000.codes", render(codes));
  }

  private static String jointTrainingText() throws IOException {
    return read("multi30k.train.tok.de") + read("multi30k.train.tok.en");
  }

  private static String render(BpeCodes codes) throws IOException {
    StringWriter out = new StringWriter();
    codes.write(out);
    return out.toString();
  }

  private static String read(String name) throws IOException {
    return Files.readString(fixture(name), StandardCharsets.UTF_8);
  }

  private static Path fixture(String name) {
    return fixtures.resolve(name);
  }

  /** Fails with the first differing line, rather than printing two large texts. */
  private static void assertSameText(String expectedFixture, String actual) throws IOException {
    String expected = read(expectedFixture);
    if (expected.equals(actual)) {
      return;
    }
    String[] expectedLines = expected.split("\n", -1);
    String[] actualLines = actual.split("\n", -1);
    int line = 0;
    while (line < expectedLines.length && line < actualLines.length && expectedLines[line].equals(actualLines[line])) {
      line++;
    }
    fail(expectedFixture + " differs first at line " + (line + 1) + ": expected '"
        + (line < expectedLines.length ? expectedLines[line] : "<end>") + "', found '"
        + (line < actualLines.length ? actualLines[line] : "<end>") + "'");
  }
}
