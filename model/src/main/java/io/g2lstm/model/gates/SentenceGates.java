package io.g2lstm.model.gates;

import io.g2lstm.common.DataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The input- and forget-gate values of one layer for one sentence pair, at its real positions only (padding
 * excluded), as {@link GateRecorder} read them. The arrays are not copied: treat them as read-only.
 *
 * <p>Positions: for an encoder layer, position p is source token p ({@code tokens} are the source ids); for a
 * decoder layer, position p is the decoder step that reads target token p - 1 ({@code <s>} at p = 0) and predicts
 * target token p, and {@code tokens} are the predicted ids {@code y1 .. yn </s>}: a position is labelled with the
 * token its step produces, so n target tokens give n + 1 positions, the last labelled {@code </s>}.
 *
 * @param sequenceId the pair's sequence id
 * @param layer the layer (and direction) the values are from
 * @param tokens the token id of every position, {@code [n]}
 * @param hiddenSize the layer's units H (per direction for a bidirectional layer)
 * @param input input-gate values, position-major {@code [n, H]}: unit j at position p is {@code input[p H + j]}
 * @param forget forget-gate values, laid out as {@code input}
 */
public record SentenceGates(long sequenceId, GateLayer layer, int[] tokens, int hiddenSize, float[] input,
    float[] forget) {

  public SentenceGates {
    Objects.requireNonNull(layer, "layer");
    if (hiddenSize < 1 || input.length != tokens.length * hiddenSize || forget.length != input.length) {
      throw new DataException("gates of sentence " + sequenceId + ": expected " + tokens.length + " positions x "
          + hiddenSize + " units of each gate, found " + input.length + " input and " + forget.length
          + " forget values");
    }
  }

  /** The number of real positions n. */
  public int positions() {
    return tokens.length;
  }

  /** Per position, the token id and the mean over the H units of each gate (the paper's Figure 4). */
  public SentenceGateMeans tokenMeans() {
    double[] inputMeans = GateMath.unitMeans(input, hiddenSize);
    double[] forgetMeans = GateMath.unitMeans(forget, hiddenSize);
    List<TokenGateMean> means = new ArrayList<>(tokens.length);
    for (int p = 0; p < tokens.length; p++) {
      means.add(new TokenGateMean(p, tokens[p], inputMeans[p], forgetMeans[p]));
    }
    return new SentenceGateMeans(sequenceId, layer, means);
  }
}
