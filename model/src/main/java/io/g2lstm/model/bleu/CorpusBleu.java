package io.g2lstm.model.bleu;

import java.io.Serializable;
import java.util.List;

/**
 * Corpus BLEU in the two flavours an evaluation reports, accumulated together: sacreBLEU's (default settings, on
 * detokenized text, with its signature) and multi-bleu.perl's on tokenized text (what the paper and most NMT papers
 * of its time report). Statistics of parts of a test set merge into those of the whole, so partitions of a test
 * set evaluated apart give the corpus score, never an average of partial scores. Not thread-safe.
 */
public final class CorpusBleu implements Serializable {

  private static final long serialVersionUID = 1L;

  private final BleuStatistics detokenized = new BleuStatistics(BleuMetric.sacreBleuDefaults());
  private final MultiBleu tokenized = new MultiBleu(false);

  /**
   * Adds one segment.
   *
   * @param hypothesis the detokenized translation
   * @param hypothesisTokens the same translation as tokens, before detokenization
   * @param reference the raw reference
   * @param referenceTokens the reference tokenized as the training data was
   */
  public CorpusBleu add(String hypothesis, String hypothesisTokens, String reference, String referenceTokens) {
    detokenized.add(hypothesis, reference);
    tokenized.add(hypothesisTokens, List.of(referenceTokens));
    return this;
  }

  /** Adds the statistics of another part of the test set; returns this. */
  public CorpusBleu merge(CorpusBleu other) {
    detokenized.merge(other.detokenized);
    tokenized.merge(other.tokenized);
    return this;
  }

  /** The number of segments added. */
  public long segments() {
    return detokenized.segments();
  }

  /** sacreBLEU's statistics (score and signature). */
  public BleuStatistics sacreBleu() {
    return detokenized;
  }

  /** multi-bleu.perl's statistics on the tokenized text. */
  public MultiBleu multiBleu() {
    return tokenized;
  }
}
