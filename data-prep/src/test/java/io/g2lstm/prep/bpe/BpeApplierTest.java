package io.g2lstm.prep.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Segmentation with hand-written codes. The expected lines were produced by subword-nmt's {@code apply_bpe} with
 * the same codes and options.
 */
class BpeApplierTest {

  private static final BpeCodes CODES = codes(
      "w o", "r d</w>", "wo rd</w>", "l o", "lo w</w>", "e r</w>", "lo w", "low er</w>");

  @Test
  void appliesMergesByRankAndMarksNonFinalSubwords() {
    BpeApplier applier = BpeApplier.of(CODES);
    assertEquals("low@@ e@@ s@@ t", applier.apply("lowest"));
    assertEquals("wo@@ r@@ d@@ low@@ e@@ s@@ t", applier.apply("wordlowest"));
    assertEquals("x", applier.apply("x"));
  }

  @Test
  void keepsLeadingAndTrailingWhitespaceAndDropsDoubleSpaces() {
    BpeApplier applier = BpeApplier.of(CODES);
    assertEquals("  word lower low\r\n", applier.apply("  word lower  low\r\n"));
    assertEquals(" \n", applier.apply(" \n"));
    assertEquals("", applier.apply(""));
  }

  @Test
  void tabsBelongToWords() {
    assertEquals("word wo@@ r@@ d@@ \t@@ low\n", BpeApplier.of(CODES).apply("word  word\tlow\n"));
  }

  @Test
  void usesTheGivenSeparator() {
    assertEquals("low| e| s| t word", BpeApplier.builder(CODES).separator("|").build().apply("lowest word"));
  }

  @Test
  void isolatesGlossaries() {
    BpeApplier applier = BpeApplier.builder(CODES).glossaries(List.of("like", "Manuel", "USA")).build();
    assertEquals("word@@ like@@ word like@@ Manuel@@ word", applier.apply("wordlikeword likeManuelword"));
    assertEquals("1@@ 9@@ 3@@ 4@@ USA@@ B@@ USA", applier.apply("1934USABUSA"));
    assertEquals("like", applier.apply("like"));
    assertEquals("low@@ USA", applier.apply("lowUSA"));
  }

  @Test
  void isolatesRegexGlossaries() {
    BpeApplier applier = BpeApplier.builder(CODES).glossaries(List.of("<country>\\w*</country>", "\\d+")).build();
    assertEquals("word@@ <country>USA</country>@@ 10001@@ word", applier.apply("word<country>USA</country>10001word"));
    assertEquals("42", applier.apply("42"));
  }

  @Test
  void vocabularyFilterRevertsMergesIntoUnknownSubwords() {
    Set<String> vocabulary = Set.of("low@@", "e@@", "r", "wo@@", "rd", "lo@@", "w@@", "s@@", "t");
    BpeApplier applier = BpeApplier.builder(CODES).vocabulary(vocabulary).build();
    assertEquals("low@@ e@@ r wo@@ rd low@@ e@@ s@@ t lo@@ w", applier.apply("lower word lowest low"));
  }

  @Test
  void emptyVocabularyMeansNoFilter() {
    BpeApplier applier = BpeApplier.builder(CODES).vocabulary(Set.of()).build();
    assertEquals("lower word", applier.apply("lower word"));
  }

  @Test
  void firstOfDuplicateMergesCounts() {
    // "b c" ranks before "a b" through its first occurrence, so "abc" becomes a + bc.
    BpeApplier applier = BpeApplier.of(codes("b c</w>", "a b", "b c</w>", "ab c</w>"));
    assertEquals("a@@ bc", applier.apply("abc"));
  }

  @Test
  void cachedWordsSegmentAsBefore() {
    BpeApplier applier = BpeApplier.of(CODES);
    String first = applier.apply("lowest lowest word");
    assertEquals(first, applier.apply("lowest lowest word"));
  }

  @Test
  void applyLinesBreaksLinesAsPythonReadsThem() throws IOException {
    StringWriter out = new StringWriter();
    BpeApplier.of(CODES).applyLines(new StringReader("lowest\u2028word\r\nlower"), out);
    assertEquals("low@@ e@@ s@@ t@@ \u2028word\r\nlower", out.toString());
  }

  private static BpeCodes codes(String... lines) {
    try {
      return BpeCodes.read(new StringReader("#version: 0.2\n" + String.join("\n", lines) + "\n"), "test codes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
