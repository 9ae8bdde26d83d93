package io.g2lstm.prep.pipeline;

import io.g2lstm.prep.bpe.BpeApplier;
import io.g2lstm.prep.bpe.BpeCodes;
import io.g2lstm.prep.bpe.BpeLearner;
import io.g2lstm.prep.corpus.Split;
import java.util.Map;
import java.util.Optional;

/**
 * The second stage of {@code prepare}: splits the tokens of both sides into joint-BPE subwords and applies the length
 * filters to training pairs. Built once per partition, since its BPE word cache is not thread-safe.
 */
public final class PairSegmenter {

  private final BpeApplier bpe;
  private final LengthFilter filter;

  public PairSegmenter(BpeCodes codes, LengthFilter filter) {
    this.bpe = BpeApplier.of(codes);
    this.filter = filter;
  }

  /** Learns the joint BPE codes from the word counts of both sides of the training split. */
  public static BpeCodes learnCodes(Map<String, Long> wordCounts, PrepareSettings settings) {
    return new BpeLearner(settings.bpeMerges()).withMinFrequency(settings.bpeMinFrequency())
        .withTotalSymbols(settings.bpeTotalSymbols()).learn(wordCounts);
  }

  public PreparedPair apply(PreparedPair pair) {
    if (!pair.kept()) {
      return pair;
    }
    PreparedPair segmented = pair.withText(bpe.apply(pair.source()), bpe.apply(pair.target()));
    if (pair.split() != Split.TRAIN) {
      return segmented;
    }
    Optional<DropReason> reason = filter.check(PreparedPair.tokenCount(segmented.source()),
        PreparedPair.tokenCount(segmented.target()));
    return reason.map(segmented::drop).orElse(segmented);
  }
}
