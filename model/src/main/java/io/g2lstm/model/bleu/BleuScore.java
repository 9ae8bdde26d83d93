package io.g2lstm.model.bleu;

import java.util.ArrayList;
import java.util.List;

/**
 * A BLEU score with what it was computed from, as sacreBLEU's {@code BLEUScore} reports it.
 *
 * @param score BLEU in percent
 * @param precisions the n-gram precisions in percent (n = 1..4), after smoothing
 * @param matches the clipped n-gram matches per order, before any add-k smoothing
 * @param totals the hypothesis n-grams per order, before any add-k smoothing
 */
public record BleuScore(double score, List<Double> precisions, double brevityPenalty, double ratio,
    long hypothesisLength, long referenceLength, List<Long> matches, List<Long> totals) {

  // What sacreBLEU (and multi-bleu.perl) take as the logarithm of a zero precision.
  private static final double LOG_OF_ZERO = -9999999999.0;

  public BleuScore {
    precisions = List.copyOf(precisions);
    matches = List.copyOf(matches);
    totals = List.copyOf(totals);
  }

  /** sacreBLEU's {@code compute_bleu}, step for step, so that the floating-point result is the same. */
  static BleuScore compute(long[] matches, long[] totals, long hypothesisLength, long referenceLength,
      BleuMetric metric) {
    double brevityPenalty = 1.0;
    if (hypothesisLength < referenceLength) {
      brevityPenalty = hypothesisLength > 0 ? Math.exp(1 - (double) referenceLength / hypothesisLength) : 0.0;
    }
    double ratio = referenceLength > 0 ? (double) hypothesisLength / referenceLength : 0;
    double[] precisions = new double[NgramMatches.MAX_ORDER];
    boolean anyMatch = false;
    for (long match : matches) {
      anyMatch |= match > 0;
    }
    if (!anyMatch) {
      return of(0.0, precisions, brevityPenalty, ratio, hypothesisLength, referenceLength, matches, totals);
    }
    Smoothing smoothing = metric.smoothing();
    double mtevalFactor = 1.0;
    int effectiveOrder = NgramMatches.MAX_ORDER;
    for (int n = 1; n <= NgramMatches.MAX_ORDER; n++) {
      double match = matches[n - 1];
      double total = totals[n - 1];
      if (smoothing == Smoothing.ADD_K && n > 1) {
        match += metric.smoothValue();
        total += metric.smoothValue();
      }
      if (total == 0) {
        break;
      }
      if (metric.effectiveOrder()) {
        effectiveOrder = n;
      }
      if (match == 0) {
        if (smoothing == Smoothing.EXP) {
          mtevalFactor *= 2;
          precisions[n - 1] = 100.0 / (mtevalFactor * total);
        } else if (smoothing == Smoothing.FLOOR) {
          precisions[n - 1] = 100.0 * metric.smoothValue() / total;
        }
      } else {
        precisions[n - 1] = 100.0 * match / total;
      }
    }
    double logSum = 0;
    for (int n = 1; n <= effectiveOrder; n++) {
      logSum += log(precisions[n - 1]);
    }
    double score = brevityPenalty * Math.exp(logSum / effectiveOrder);
    return of(score, precisions, brevityPenalty, ratio, hypothesisLength, referenceLength, matches, totals);
  }

  /** The natural logarithm, with a large negative number for zero as both reference implementations have it. */
  static double log(double x) {
    return x == 0 ? LOG_OF_ZERO : Math.log(x);
  }

  static BleuScore of(double score, double[] precisions, double brevityPenalty, double ratio,
      long hypothesisLength, long referenceLength, long[] matches, long[] totals) {
    List<Double> precisionList = new ArrayList<>();
    for (double precision : precisions) {
      precisionList.add(precision);
    }
    List<Long> matchList = new ArrayList<>();
    List<Long> totalList = new ArrayList<>();
    for (int n = 0; n < matches.length; n++) {
      matchList.add(matches[n]);
      totalList.add(totals[n]);
    }
    return new BleuScore(score, precisionList, brevityPenalty, ratio, hypothesisLength, referenceLength, matchList,
        totalList);
  }

  /**
   * The line sacreBLEU prints for a score, e.g.
   * {@code BLEU = 22.51 55.2/28.1/16.4/10.0 (BP = 1.000 ratio = 1.013 hyp_len = 3012 ref_len = 2973)}.
   */
  public String line() {
    List<String> precisionTexts = new ArrayList<>();
    for (double precision : precisions) {
      precisionTexts.add(FixedDecimal.format(precision, 1));
    }
    return "BLEU = " + FixedDecimal.format(score, 2) + " " + String.join("/", precisionTexts) + " (BP = "
        + FixedDecimal.format(brevityPenalty, 3) + " ratio = " + FixedDecimal.format(ratio, 3) + " hyp_len = "
        + hypothesisLength + " ref_len = " + referenceLength + ")";
  }
}
