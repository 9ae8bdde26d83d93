package io.g2lstm.prep.pipeline;

import io.g2lstm.prep.tokenize.MosesTokenizer;

/**
 * The first stage of {@code prepare}: drops pairs with an empty side, and Moses-tokenizes both sides of the rest.
 * Built once per partition.
 */
public final class PairTokenizer {

  private final MosesTokenizer source;
  private final MosesTokenizer target;

  public PairTokenizer(PrepareSettings settings) {
    this.source = tokenizer(settings, settings.sourceLanguage());
    this.target = tokenizer(settings, settings.targetLanguage());
  }

  private static MosesTokenizer tokenizer(PrepareSettings settings, String language) {
    return MosesTokenizer.forLanguage(language).withAggressiveHyphenSplit(settings.aggressiveHyphenSplit())
        .withEscape(settings.escape());
  }

  public PreparedPair apply(PreparedPair pair) {
    if (!pair.kept()) {
      return pair;
    }
    if (pair.source().isBlank() || pair.target().isBlank()) {
      return pair.drop(DropReason.EMPTY_LINE);
    }
    String sourceTokens = source.tokenize(pair.source());
    String targetTokens = target.tokenize(pair.target());
    if (sourceTokens.isEmpty() || targetTokens.isEmpty()) {
      return pair.drop(DropReason.EMPTY_LINE);
    }
    return pair.withText(sourceTokens, targetTokens);
  }
}
