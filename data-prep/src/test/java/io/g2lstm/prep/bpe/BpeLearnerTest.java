package io.g2lstm.prep.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.DataException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Learning on made-up words. The expected codes were produced by subword-nmt's {@code learn_bpe} on the same
 * counts.
 */
class BpeLearnerTest {

  @Test
  void learnsTheClassicExampleWithEndOfWordSymbols() throws IOException {
    BpeCodes codes = new BpeLearner(10).learn(counts("low", 5, "lower", 2, "newest", 6, "widest", 3));
    assertEquals("#version: 0.2\ns t</w>\ne st</w>\nl o\nw est</w>\nn e\nne west</w>\nlo w</w>\nw i\nwi d\n"
        + "wid est</w>\n", render(codes));
  }

  @Test
  void equalFrequenciesGoToTheGreaterPair() throws IOException {
    BpeCodes codes = new BpeLearner(10).learn(counts("ab", 2, "cd", 2));
    assertEquals("#version: 0.2\nc d</w>\na b</w>\n", render(codes));
  }

  @Test
  void pairsCompareByCodePointNotByUtf16Unit() throws IOException {
    // U+1F600 is above U+E000, although its first UTF-16 unit (a surrogate) is below it.
    BpeCodes codes = new BpeLearner(10).learn(counts("x\uE000", 2, "x\uD83D\uDE00", 2));
    assertEquals("#version: 0.2\nx \uD83D\uDE00</w>\nx \uE000</w>\n", render(codes));
  }

  @Test
  void supplementaryCharactersAreSingleSymbols() throws IOException {
    BpeCodes codes = new BpeLearner(10).learn(counts("\uD83D\uDE00\uD83D\uDE00", 3));
    assertEquals("#version: 0.2\n\uD83D\uDE00 \uD83D\uDE00</w>\n", render(codes));
  }

  @Test
  void stopsBelowTheMinimumFrequency() throws IOException {
    assertEquals("#version: 0.2\n", render(new BpeLearner(10).learn(counts("ab", 1))));
    assertEquals("#version: 0.2\na b</w>\n", render(new BpeLearner(10).withMinFrequency(1).learn(counts("ab", 1))));
  }

  @Test
  void totalSymbolsSubtractsDistinctInternalAndFinalCharacters() throws IOException {
    // Internal: a, b. Final: c</w>, d</w>. Five symbols minus four leaves one merge.
    BpeCodes codes = new BpeLearner(5).withTotalSymbols(true).learn(counts("abc", 5, "bd", 3));
    assertEquals("#version: 0.2\nb c</w>\n", render(codes));
  }

  @Test
  void mergesWordsWithTabsAsPythonsRegexDoes() throws IOException {
    // subword-nmt merges with re.sub and (?<!\S): around a tab, a match can start inside a symbol.
    BpeCodes codes = new BpeLearner(10).learn(counts("a\taa", 4, "\taaa\t", 2));
    assertEquals("#version: 0.2\n\t a\na \ta\na\ta a</w>\na a\n", render(codes));
  }

  @Test
  void codesDoNotDependOnMapOrder() {
    Random random = new Random(11);
    Map<String, Long> hashed = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder word = new StringBuilder();
      int length = 1 + random.nextInt(7);
      for (int k = 0; k < length; k++) {
        word.append("abcde".charAt(random.nextInt(5)));
      }
      hashed.merge(word.toString(), 1L + random.nextInt(20), Long::sum);
    }
    List<String> shuffledWords = new ArrayList<>(hashed.keySet());
    Collections.shuffle(shuffledWords, new Random(3));
    Map<String, Long> shuffled = new LinkedHashMap<>();
    shuffledWords.forEach(word -> shuffled.put(word, hashed.get(word)));
    Map<String, Long> descending = new TreeMap<>(Collections.reverseOrder());
    descending.putAll(hashed);

    BpeLearner learner = new BpeLearner(300);
    BpeCodes expected = learner.learn(hashed);
    assertTrue(expected.size() > 100, "enough merges to exercise pruning");
    assertEquals(expected, learner.learn(shuffled));
    assertEquals(expected, learner.learn(descending));
  }

  @Test
  void textIsSplitIntoWordsAtSpacesOnly() {
    assertEquals(List.of("a\tb", "c", "d"), BpeLearner.wordsOf(" \r a\tb  c d \r\n"));
    assertEquals(List.of(), BpeLearner.wordsOf(" \n"));
  }

  @Test
  void countsWordsOfLinesBrokenAsPythonBreaksThem() throws IOException {
    // U+2028 ends a line for Python's codecs reader; the vertical tab stays with its word.
    Map<String, Long> counts = BpeLearner.countWords(new StringReader("a b\u2028a\r\nb\u000Bc\rc"));
    assertEquals(Map.of("a", 2L, "b\u2028", 1L, "b\u000B", 1L, "c", 2L), counts);
  }

  @Test
  void learningFromTextEqualsLearningFromItsCounts() throws IOException {
    String text = "low lower newest\nwidest  newest low\r\nlow\n";
    BpeLearner learner = new BpeLearner(20).withMinFrequency(1);
    assertEquals(learner.learn(BpeLearner.countWords(new StringReader(text))), learner.learn(new StringReader(text)));
  }

  @Test
  void rejectsWordsThatCannotBeWrittenAsCodes() {
    DataException spaced = assertThrows(DataException.class, () -> new BpeLearner(5).learn(counts("a b", 3)));
    assertTrue(spaced.getMessage().contains("found 'a b'"), spaced.getMessage());
    assertThrows(DataException.class, () -> new BpeLearner(5).learn(counts("ab", 0)));
  }

  private static Map<String, Long> counts(Object... wordsAndCounts) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < wordsAndCounts.length; i += 2) {
      counts.put((String) wordsAndCounts[i], ((Integer) wordsAndCounts[i + 1]).longValue());
    }
    return counts;
  }

  private static String render(BpeCodes codes) throws IOException {
    StringWriter out = new StringWriter();
    codes.write(out);
    return out.toString();
  }
}
