package io.g2lstm.model.bleu;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sufficient statistics of corpus BLEU: clipped n-gram matches and totals for n = 1..4, the hypothesis length
 * and the reference length (per segment the closest reference's, the shorter on a tie). An accumulator: segments are
 * added one by one and statistics of parts of a corpus merge into those of the whole (Spark sums them across
 * partitions), so corpus BLEU always comes from summed counts, never from averaged sentence scores. Not
 * thread-safe.
 */
public final class BleuStatistics implements Serializable {

  private static final long serialVersionUID = 1L;

  private final BleuMetric metric;
  private final long[] matches = new long[NgramMatches.MAX_ORDER];
  private final long[] totals = new long[NgramMatches.MAX_ORDER];
  private long hypothesisLength;
  private long referenceLength;
  private long segments;
  // The fewest and most references a segment had, for the signature's nrefs (a number, or "var").
  private int fewestReferences = Integer.MAX_VALUE;
  private int mostReferences;

  /** Empty statistics that will tokenize and score as {@code metric} says. */
  public BleuStatistics(BleuMetric metric) {
    this.metric = metric;
  }

  /** The number of segments added, here or in merged statistics. */
  public long segments() {
    return segments;
  }

  /** Adds one segment: a raw hypothesis and its raw references (at least one). */
  public BleuStatistics add(String hypothesis, String... references) {
    return add(hypothesis, Arrays.asList(references));
  }

  /** Adds one segment: a raw hypothesis and its raw references (at least one). */
  public BleuStatistics add(String hypothesis, List<String> references) {
    if (references.isEmpty()) {
      throw new IllegalArgumentException("expected at least one reference for the hypothesis, found none");
    }
    List<String> hypothesisWords = metric.words(hypothesis);
    List<List<String>> referenceWords = new ArrayList<>(references.size());
    for (String reference : references) {
      referenceWords.add(metric.words(reference));
    }
    NgramMatches.add(hypothesisWords, referenceWords, matches, totals);
    hypothesisLength += hypothesisWords.size();
    referenceLength += NgramMatches.closestLength(hypothesisWords.size(), referenceWords, Integer.MAX_VALUE);
    segments++;
    fewestReferences = Math.min(fewestReferences, references.size());
    mostReferences = Math.max(mostReferences, references.size());
    return this;
  }

  /** Adds the statistics of another part of the corpus, counted with the same metric; returns this. */
  public BleuStatistics merge(BleuStatistics other) {
    if (!metric.equals(other.metric)) {
      throw new IllegalArgumentException("expected statistics of " + metric + ", found statistics of "
          + other.metric);
    }
    for (int n = 0; n < NgramMatches.MAX_ORDER; n++) {
      matches[n] += other.matches[n];
      totals[n] += other.totals[n];
    }
    hypothesisLength += other.hypothesisLength;
    referenceLength += other.referenceLength;
    segments += other.segments;
    fewestReferences = Math.min(fewestReferences, other.fewestReferences);
    mostReferences = Math.max(mostReferences, other.mostReferences);
    return this;
  }

  /** The score of the statistics so far; later additions do not change it. */
  public BleuScore score() {
    return BleuScore.compute(matches, totals, hypothesisLength, referenceLength, metric);
  }

  /**
   * sacreBLEU's signature of the score, e.g. {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0};
   * nrefs is {@code var} when segments had different numbers of references, 0 when there are no segments.
   */
  public String signature() {
    String referenceCount;
    if (segments == 0) {
      referenceCount = "0";
    } else if (fewestReferences == mostReferences) {
      referenceCount = Integer.toString(mostReferences);
    } else {
      referenceCount = "var";
    }
    return metric.signature(referenceCount);
  }
}
