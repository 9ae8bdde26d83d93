package io.g2lstm.model.gates;

import io.g2lstm.common.DataException;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.prep.pipeline.Vocabulary;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-token average gate values of one sentence (a row of the paper's Figure 4).
 *
 * @param sequenceId the pair's sequence id
 * @param layer the layer (and direction) the values are from
 * @param tokens one entry per real position, in order
 */
public record SentenceGateMeans(long sequenceId, GateLayer layer, List<TokenGateMean> tokens)
    implements Serializable {

  public SentenceGateMeans {
    tokens = List.copyOf(tokens);
  }

  /**
   * The subword of every position, from the source vocabulary for an encoder layer and the target vocabulary for
   * a decoder layer (with BPE separators, e.g. {@code "wal@@"}; the decoder's last position is {@code </s>}).
   */
  public List<String> subwords(TranslationAssets assets) {
    Vocabulary vocabulary = layer.side() == GateLayer.Side.SOURCE ? assets.sourceVocabulary()
        : assets.targetVocabulary();
    List<String> subwords = new ArrayList<>(tokens.size());
    for (TokenGateMean token : tokens) {
      if (token.tokenId() < 0 || token.tokenId() >= vocabulary.size()) {
        throw new DataException("sentence " + sequenceId + ", position " + token.position() + ": expected a "
            + layer.side().name().toLowerCase(Locale.ROOT) + " token id below " + vocabulary.size() + ", found "
            + token.tokenId());
      }
      subwords.add(vocabulary.token(token.tokenId()));
    }
    return subwords;
  }
}
