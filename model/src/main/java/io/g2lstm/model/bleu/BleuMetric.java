package io.g2lstm.model.bleu;

import io.g2lstm.common.PythonStrings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings of BLEU as sacreBLEU 2.6.0 has them: the tokenizer, lowercasing, the smoothing method with its value,
 * and effective order (for sentence-level BLEU). Creates the statistics that score a corpus and writes sacreBLEU's
 * signature, so that a score can be reproduced and compared.
 *
 * @param smoothValue the value of {@link Smoothing#FLOOR} or {@link Smoothing#ADD_K}; NaN for the other methods
 */
public record BleuMetric(BleuTokenizer tokenizer, boolean lowercase, Smoothing smoothing, double smoothValue,
    boolean effectiveOrder) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The sacreBLEU version whose behaviour this reproduces; it ends the signature. */
  public static final String SACREBLEU_VERSION = "2.6.0";

  public BleuMetric {
    if (!smoothing.takesValue()) {
      smoothValue = Double.NaN;
    } else if (!(smoothValue >= 0 && smoothValue < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("smoothing " + smoothing.signature() + ": expected a finite value >= 0, "
          + "found " + smoothValue);
    }
  }

  /** sacreBLEU's defaults: tokenizer 13a, mixed case, exponential smoothing, no effective order. */
  public static BleuMetric sacreBleuDefaults() {
    return new BleuMetric(BleuTokenizer.V13A, false, Smoothing.EXP, Double.NaN, false);
  }

  public BleuMetric withTokenizer(BleuTokenizer newTokenizer) {
    return new BleuMetric(newTokenizer, lowercase, smoothing, smoothValue, effectiveOrder);
  }

  public BleuMetric withLowercase(boolean newLowercase) {
    return new BleuMetric(tokenizer, newLowercase, smoothing, smoothValue, effectiveOrder);
  }

  /** The method with its default value. */
  public BleuMetric withSmoothing(Smoothing newSmoothing) {
    return withSmoothing(newSmoothing, newSmoothing.defaultValue());
  }

  public BleuMetric withSmoothing(Smoothing newSmoothing, double value) {
    return new BleuMetric(tokenizer, lowercase, newSmoothing, value, effectiveOrder);
  }

  /** Effective order averages the precisions only over the orders that the hypothesis has n-grams of. */
  public BleuMetric withEffectiveOrder(boolean newEffectiveOrder) {
    return new BleuMetric(tokenizer, lowercase, smoothing, smoothValue, newEffectiveOrder);
  }

  /** The words of a segment as sacreBLEU counts them: trailing whitespace dropped, lowercased if asked, tokenized. */
  public List<String> words(String segment) {
    String text = lowercase ? segment.toLowerCase(Locale.ROOT) : segment;
    return PythonStrings.split(tokenizer.tokenize(PythonStrings.rstrip(text)));
  }

  /** sacreBLEU's sentence-level BLEU of one hypothesis (best used with effective order). */
  public BleuScore sentenceScore(String hypothesis, List<String> references) {
    return new BleuStatistics(this).add(hypothesis, references).score();
  }

  /**
   * The statistics of a corpus held in memory: {@code referenceStreams} holds one list per reference set, each as
   * long as {@code hypotheses}.
   */
  public BleuStatistics statistics(List<String> hypotheses, List<List<String>> referenceStreams) {
    if (referenceStreams.isEmpty()) {
      throw new IllegalArgumentException("expected at least one reference stream, found none");
    }
    for (List<String> stream : referenceStreams) {
      if (stream.size() != hypotheses.size()) {
        throw new IllegalArgumentException("expected reference streams of " + hypotheses.size()
            + " segments (as many as the hypotheses), found one of " + stream.size());
      }
    }
    BleuStatistics statistics = new BleuStatistics(this);
    List<String> references = new ArrayList<>(referenceStreams.size());
    for (int i = 0; i < hypotheses.size(); i++) {
      references.clear();
      for (List<String> stream : referenceStreams) {
        references.add(stream.get(i));
      }
      statistics.add(hypotheses.get(i), references);
    }
    return statistics;
  }

  /** sacreBLEU's signature, e.g. {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}. */
  String signature(String referenceCount) {
    String smooth = smoothing.signature();
    if (smoothing.takesValue()) {
      smooth += "[" + FixedDecimal.format(smoothValue, 2) + "]";
    }
    return "nrefs:" + referenceCount + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:" + (effectiveOrder ? "yes"
        : "no") + "|tok:" + tokenizer.signature() + "|smooth:" + smooth + "|version:" + SACREBLEU_VERSION;
  }
}
