package io.g2lstm.model.bleu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sufficient statistics, their merging, and the score computed from them, checked against worked examples. */
class BleuStatisticsTest {

  private static final BleuMetric DEFAULTS = BleuMetric.sacreBleuDefaults();
  private static final double EXACT = 1e-12;

  // Made-up segments: hypothesis, then one or two references.
  private static final List<List<String>> SEGMENTS = List.of(
      List.of("The dog runs across the green field.", "A dog is running across the green field."),
      List.of("Two men play chess in a park.", "Two men are playing chess in the park.", "Two men play chess."),
      List.of("A woman, holding an umbrella, walks home.", "A woman with an umbrella walks home."),
      List.of("It costs 3.50 dollars, not 1,000!", "It costs $3.50, not $1,000."),
      List.of("", "Nothing was translated here."),
      List.of("Children are playing on the beach at sunset.", "Children play on the beach at sunset.",
          "Kids are playing at the beach during sunset."),
      List.of("He said: \"no\".", "He said \"no\"."),
      List.of("A red car is parked near the old house.", "A red car is parked beside an old house."),
      List.of("The 1990-1995 period was calm.", "The period 1990-1995 was calm."),
      List.of("She reads.", "She is reading a book in the library."));

  private static BleuStatistics statistics(BleuMetric metric, List<List<String>> segments) {
    BleuStatistics statistics = new BleuStatistics(metric);
    for (List<String> segment : segments) {
      statistics.add(segment.get(0), segment.subList(1, segment.size()));
    }
    return statistics;
  }

  @Test
  void mergedPartsEqualTheWholeCorpus() throws IOException, ClassNotFoundException {
    BleuStatistics whole = statistics(DEFAULTS, SEGMENTS);
    BleuStatistics first = statistics(DEFAULTS, SEGMENTS.subList(0, 3));
    BleuStatistics second = statistics(DEFAULTS, SEGMENTS.subList(3, 4));
    BleuStatistics third = statistics(DEFAULTS, SEGMENTS.subList(4, SEGMENTS.size()));
    // As Spark would ship it between executors.
    BleuStatistics merged = first.merge(roundTrip(third)).merge(second).merge(new BleuStatistics(DEFAULTS));
    assertEquals(whole.score(), merged.score());
    assertEquals(whole.signature(), merged.signature());
    assertEquals(SEGMENTS.size(), merged.segments());
  }

  @Test
  void statisticsOfDifferentMetricsDoNotMerge() {
    BleuStatistics mixedCase = statistics(DEFAULTS, SEGMENTS);
    BleuStatistics lowercase = statistics(DEFAULTS.withLowercase(true), SEGMENTS);
    assertThrows(IllegalArgumentException.class, () -> mixedCase.merge(lowercase));
  }

  @Test
  void scoreIsFrozen() {
    BleuStatistics statistics = new BleuStatistics(DEFAULTS).add("a b c d", "a b c d");
    BleuScore before = statistics.score();
    statistics.add("x y", "a b");
    assertEquals(100.0, before.score(), EXACT);
    assertEquals(List.of(4L, 3L, 2L, 1L), before.matches());
  }

  @Test
  void closestReferenceLengthPrefersTheShorterOnATie() {
    // Five hypothesis words; references of seven and three words are both two words away.
    BleuStatistics tie = new BleuStatistics(DEFAULTS).add("a b c d e", "a b c d e f g", "a b c");
    assertEquals(3, tie.score().referenceLength());
    BleuStatistics closer = new BleuStatistics(DEFAULTS).add("a b c d e", "a b c d e f g", "a b c d e f");
    assertEquals(6, closer.score().referenceLength());
  }

  @Test
  void matchesAreClippedToTheMostInAnyOneReference() {
    BleuScore score = new BleuStatistics(DEFAULTS).add("the the the the", "the cat the", "the the the dog")
        .score();
    assertEquals(3, score.matches().get(0));
    assertEquals(4, score.totals().get(0));
  }

  @Test
  void signatureCountsReferencesAndNamesTheSettings() {
    assertEquals("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
        statistics(DEFAULTS, SEGMENTS.subList(0, 1)).signature());
    assertEquals("nrefs:2|case:lc|eff:no|tok:intl|smooth:floor[0.10]|version:2.6.0",
        statistics(DEFAULTS.withLowercase(true).withTokenizer(BleuTokenizer.INTL).withSmoothing(Smoothing.FLOOR),
            SEGMENTS.subList(1, 2)).signature());
    assertEquals("nrefs:var|case:mixed|eff:yes|tok:none|smooth:add-k[1.00]|version:2.6.0",
        statistics(DEFAULTS.withTokenizer(BleuTokenizer.NONE).withSmoothing(Smoothing.ADD_K)
            .withEffectiveOrder(true), SEGMENTS).signature());
    assertEquals("nrefs:1|case:mixed|eff:no|tok:13a|smooth:none|version:2.6.0",
        statistics(DEFAULTS.withSmoothing(Smoothing.NONE, 0.5), SEGMENTS.subList(0, 1)).signature());
  }

  @Test
  void zeroMatchesOfHigherOrdersAreSmoothed() {
    // Unigrams 3 of 5 match; none of the 4 bigrams, 3 trigrams and 2 four-grams do. Equal lengths: BP = 1.
    String hypothesis = "a b c d e";
    String reference = "a x b y c";
    BleuScore exp = DEFAULTS.sentenceScore(hypothesis, List.of(reference));
    assertPrecisions(List.of(60.0, 100.0 / 8, 100.0 / 12, 100.0 / 16), exp);
    assertEquals(Math.exp((Math.log(60) + Math.log(12.5) + Math.log(100.0 / 12) + Math.log(6.25)) / 4),
        exp.score(), EXACT);
    BleuScore floor = DEFAULTS.withSmoothing(Smoothing.FLOOR, 0.1).sentenceScore(hypothesis, List.of(reference));
    assertPrecisions(List.of(60.0, 2.5, 10.0 / 3, 5.0), floor);
    BleuScore addK = DEFAULTS.withSmoothing(Smoothing.ADD_K).sentenceScore(hypothesis, List.of(reference));
    assertPrecisions(List.of(60.0, 20.0, 25.0, 100.0 / 3), addK);
    assertEquals(List.of(3L, 0L, 0L, 0L), addK.matches());
    BleuScore none = DEFAULTS.withSmoothing(Smoothing.NONE).sentenceScore(hypothesis, List.of(reference));
    assertPrecisions(List.of(60.0, 0.0, 0.0, 0.0), none);
    assertEquals(0.0, none.score());
  }

  @Test
  void noMatchesAtAllScoreZeroWithoutSmoothing() {
    BleuScore score = DEFAULTS.sentenceScore("p q", List.of("a b"));
    assertEquals(0.0, score.score());
    assertEquals("BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 1.000 ratio = 1.000 hyp_len = 2 ref_len = 2)", score.line());
  }

  @Test
  void emptyHypothesisHasZeroBrevityPenalty() {
    BleuScore score = DEFAULTS.sentenceScore("", List.of("a b c"));
    assertEquals(0.0, score.score());
    assertEquals(0.0, score.brevityPenalty());
    assertEquals(List.of(0L, 0L, 0L, 0L), score.totals());
    assertEquals("BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 0.000 ratio = 0.000 hyp_len = 0 ref_len = 3)", score.line());
  }

  @Test
  void emptyCorpusScoresZero() {
    BleuStatistics empty = new BleuStatistics(DEFAULTS);
    assertEquals("BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 1.000 ratio = 0.000 hyp_len = 0 ref_len = 0)",
        empty.score().line());
    assertEquals("nrefs:0|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", empty.signature());
  }

  @Test
  void effectiveOrderAveragesOnlyOverOrdersThatExist() {
    BleuMetric sentence = DEFAULTS.withEffectiveOrder(true);
    assertEquals(100.0, sentence.sentenceScore("a b", List.of("a b")).score(), EXACT);
    assertEquals(0.0, DEFAULTS.sentenceScore("a b", List.of("a b")).score());
  }

  @Test
  void brevityPenaltyAndLineFollowSacreBleu() {
    // 4 of 4 unigrams ... 1 of 1 four-gram match; 4 hypothesis words against 6 reference words.
    BleuScore score = DEFAULTS.sentenceScore("a b c d", List.of("a b c d e f"));
    double brevityPenalty = Math.exp(1 - 6.0 / 4);
    assertEquals(brevityPenalty, score.brevityPenalty(), EXACT);
    assertEquals(100 * brevityPenalty, score.score(), 1e-9);
    assertEquals("BLEU = 60.65 100.0/100.0/100.0/100.0 (BP = 0.607 ratio = 0.667 hyp_len = 4 ref_len = 6)",
        score.line());
  }

  @Test
  void aSegmentNeedsAReference() {
    BleuStatistics statistics = new BleuStatistics(DEFAULTS);
    assertThrows(IllegalArgumentException.class, () -> statistics.add("a b"));
  }

  private static void assertPrecisions(List<Double> expected, BleuScore score) {
    for (int n = 0; n < expected.size(); n++) {
      assertEquals(expected.get(n), score.precisions().get(n), EXACT, "precision " + (n + 1));
    }
  }

  private static BleuStatistics roundTrip(BleuStatistics statistics) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(statistics);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (BleuStatistics) in.readObject();
    }
  }
}
