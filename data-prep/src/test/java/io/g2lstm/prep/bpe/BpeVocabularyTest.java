package io.g2lstm.prep.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.g2lstm.common.DataException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeVocabularyTest {

  @Test
  void sortsByCountKeepingFirstOccurrenceOrderForTies() {
    BpeVocabulary vocabulary = BpeVocabulary.fromFirstOccurrenceCounts(List.of(
        entry("b", 1), entry("a", 3), entry("d", 1), entry("c", 3), entry("e", 2)));
    assertEquals(List.of(entry("a", 3), entry("c", 3), entry("e", 2), entry("b", 1), entry("d", 1)),
        vocabulary.entries());
  }

  @Test
  void countsTheSegmentedTokensOfATrainingText() throws IOException {
    BpeCodes codes = BpeCodes.read(new StringReader("#version: 0.2\nl o\nlo w</w>\ne r</w>\n"), "codes");
    BpeVocabulary vocabulary = BpeVocabulary.count(new StringReader("lower low\nwer  low\n"), BpeApplier.of(codes));
    StringWriter out = new StringWriter();
    vocabulary.write(out);
    // Tokens in order of first occurrence: lo@@ w@@ er low.
    assertEquals("w@@ 2\ner 2\nlow 2\nlo@@ 1\n", out.toString());
  }

  @Test
  void roundTripsThroughAFile(@TempDir Path dir) {
    BpeVocabulary vocabulary =
        new BpeVocabulary(List.of(entry("the", 12), entry("wor@@", 3), entry("\uD83D\uDE00", 1)));
    Path file = dir.resolve("vocab.en");
    vocabulary.write(file);
    assertEquals(vocabulary, BpeVocabulary.read(file));
  }

  @Test
  void thresholdKeepsFrequentTokens() {
    BpeVocabulary vocabulary = new BpeVocabulary(List.of(entry("a", 50), entry("b", 49), entry("c", 51)));
    assertEquals(Set.of("a", "c"), vocabulary.tokensWithCountAtLeast(50));
  }

  @Test
  void malformedLinesAreReportedWithLineNumbers() {
    DataException missingCount = assertThrows(DataException.class,
        () -> BpeVocabulary.read(new StringReader("the 12\nword\n"), "vocab.en"));
    assertEquals("vocab.en:2: expected a token and a count separated by one space, found 'word'",
        missingCount.getMessage());
    DataException badCount = assertThrows(DataException.class,
        () -> BpeVocabulary.read(new StringReader("the 12\nof many\n"), "vocab.en"));
    assertEquals("vocab.en:2: expected an integer count, found 'many'", badCount.getMessage());
  }

  private static BpeVocabulary.Entry entry(String token, long count) {
    return new BpeVocabulary.Entry(token, count);
  }
}
