package io.g2lstm.model.data;

import io.g2lstm.prep.bpe.BpeApplier;
import io.g2lstm.prep.tokenize.MosesDetokenizer;
import io.g2lstm.prep.tokenize.MosesTokenizer;

/**
 * Turns raw source text into model input ids and model output ids into raw target text, exactly as {@code prepare}
 * processed the training data: Moses tokenization, joint BPE, vocabulary lookup ({@code <unk>} for unknown subwords);
 * and back: subwords, BPE joints removed, Moses detokenization. One instance per thread (the BPE cache is not
 * shared).
 */
public final class TextCodec {

  private static final String SEPARATOR = BpeApplier.DEFAULT_SEPARATOR + " ";

  private final TranslationAssets assets;
  private final MosesTokenizer tokenizer;
  private final MosesTokenizer targetTokenizer;
  private final MosesDetokenizer detokenizer;
  private final BpeApplier bpe;

  public TextCodec(TranslationAssets assets) {
    this.assets = assets;
    this.tokenizer = MosesTokenizer.forLanguage(assets.sourceLanguage())
        .withAggressiveHyphenSplit(assets.aggressiveHyphenSplit()).withEscape(assets.escape());
    this.targetTokenizer = MosesTokenizer.forLanguage(assets.targetLanguage())
        .withAggressiveHyphenSplit(assets.aggressiveHyphenSplit()).withEscape(assets.escape());
    this.detokenizer = MosesDetokenizer.forLanguage(assets.targetLanguage());
    this.bpe = BpeApplier.of(assets.codes());
  }

  /** The subword ids of a raw source sentence; empty for a blank line. */
  public int[] encodeSource(String raw) {
    String tokens = tokenizer.tokenize(raw);
    if (tokens.isBlank()) {
      return new int[0];
    }
    return assets.sourceVocabulary().encode(bpe.apply(tokens).split(" "));
  }

  /** The subwords of target ids, space-separated, with their BPE separators. */
  public String targetSubwords(int[] ids) {
    StringBuilder text = new StringBuilder();
    for (int id : ids) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(assets.targetVocabulary().token(id));
    }
    return text.toString();
  }

  /** Tokenized target text: BPE joints removed (subword-nmt's {@code sed -r 's/(@@ )|(@@ ?$)//g'}). */
  public String targetTokens(int[] ids) {
    String subwords = targetSubwords(ids);
    String joined = subwords.replace(SEPARATOR, "");
    return joined.endsWith(BpeApplier.DEFAULT_SEPARATOR)
        ? joined.substring(0, joined.length() - BpeApplier.DEFAULT_SEPARATOR.length()) : joined;
  }

  /** Raw target text from tokens. */
  public String detokenizeTarget(String tokens) {
    return detokenizer.detokenize(tokens);
  }

  /** Raw target-language text (a reference) tokenized as {@code prepare} tokenized the training targets. */
  public String tokenizeTarget(String raw) {
    return targetTokenizer.tokenize(raw);
  }
}
