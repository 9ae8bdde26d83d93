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
}
