package io.g2lstm.model.bleu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.g2lstm.common.DataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** multi-bleu.perl's rules: no tokenization, ASCII-only case and whitespace, no smoothing, its own printed line. */
class MultiBleuTest {

  @Test
  void identicalSentencesScoreOneHundred() {
    assertEquals("BLEU = 100.00, 100.0/100.0/100.0/100.0 (BP=1.000, ratio=1.000, hyp_len=6, ref_len=6)",
        new MultiBleu(false).add("the cat sat on the mat", List.of("the cat sat on the mat")).line());
  }

  @Test
  void punctuationIsNotSplitOff() {
    // "world!" and "world" differ: 2 of 3 unigrams, 1 of 2 bigrams, no trigram match; no smoothing.
    assertEquals("BLEU = 0.00, 66.7/50.0/0.0/0.0 (BP=1.000, ratio=1.000, hyp_len=3, ref_len=3)",
        new MultiBleu(false).add("Hello , world!", List.of("Hello , world")).line());
  }

  @Test
  void lowercasingTouchesAsciiLettersOnly() {
    MultiBleu lowercase = new MultiBleu(true).add("APFEL ÄPFEL", List.of("apfel äpfel"));
    assertEquals("BLEU = 0.00, 50.0/0.0/0.0/0.0 (BP=1.000, ratio=1.000, hyp_len=2, ref_len=2)", lowercase.line());
  }

  @Test
  void onlyAsciiWhitespaceSeparatesWords() {
    // The no-break space joins "a" and "b" into one word; the tab separates "c" and "d".
    MultiBleu statistics = new MultiBleu(false).add("a\u00a0b c\td", List.of("a b c d"));
    assertEquals("BLEU = 0.00, 66.7/50.0/0.0/0.0 (BP=0.717, ratio=0.750, hyp_len=3, ref_len=4)", statistics.line());
  }

  @Test
  void closestReferenceLengthPrefersTheShorterOnATie() {
    MultiBleu statistics = new MultiBleu(false).add("a b c d e", List.of("a b c d e f g", "a b c"));
    assertEquals("BLEU = 100.00, 100.0/100.0/100.0/100.0 (BP=1.000, ratio=1.667, hyp_len=5, ref_len=3)",
        statistics.line());
  }

  @Test
  void brevityPenaltyAppliesToShortHypotheses() {
    assertEquals("BLEU = 60.65, 100.0/100.0/100.0/100.0 (BP=0.607, ratio=0.667, hyp_len=4, ref_len=6)",
        new MultiBleu(false).add("a b c d", List.of("a b c d e f")).line());
  }

  @Test
  void emptyReferencesGiveTheScriptsZeroLine() {
    assertEquals("BLEU = 0, 0/0/0/0 (BP=0, ratio=0, hyp_len=0, ref_len=0)",
        new MultiBleu(false).add("a b", List.of("")).line());
  }

  @Test
  void emptyHypothesesAreAnErrorAsInTheScript() {
    MultiBleu statistics = new MultiBleu(false).add("", List.of("a b"));
    assertThrows(DataException.class, statistics::line);
  }

  @Test
  void statisticsOfPartsMergeIntoThoseOfTheWhole() {
    List<String> hypotheses = List.of("the cat sat on a mat", "a dog barked", "it rained all day long");
    List<String> references = List.of("the cat sat on the mat", "the dog barked loudly", "it rained all day");
    MultiBleu whole = new MultiBleu(false);
    MultiBleu first = new MultiBleu(false);
    MultiBleu rest = new MultiBleu(false);
    for (int i = 0; i < hypotheses.size(); i++) {
      whole.add(hypotheses.get(i), List.of(references.get(i)));
      (i == 0 ? first : rest).add(hypotheses.get(i), List.of(references.get(i)));
    }
    assertEquals(whole.line(), first.merge(rest).line());
    assertEquals(whole.score(), first.score());
    assertThrows(IllegalArgumentException.class, () -> new MultiBleu(true).merge(new MultiBleu(false)));
  }

  @Test
  void scoreHoldsWhatTheLinePrints() {
    BleuScore score = new MultiBleu(false).add("a b c d", List.of("a b c d e f")).score();
    assertEquals(60.65, score.score(), 0.005);
    assertEquals(List.of(100.0, 100.0, 100.0, 100.0), score.precisions());
    assertEquals(0.607, score.brevityPenalty(), 0.0005);
    assertEquals(4, score.hypothesisLength());
    assertEquals(6, score.referenceLength());
    assertEquals(0, new MultiBleu(false).add("a b", List.of("")).score().score());
    BleuScore nothingWritten = new MultiBleu(false).add("", List.of("a b")).score();
    assertEquals(0, nothingWritten.score(), "where the script dies, the score is 0");
    assertEquals(0, nothingWritten.brevityPenalty());
  }
}
