package io.g2lstm.report;

import io.g2lstm.common.DataException;
import java.util.Objects;

/**
 * The gates of one layer at one target token of a selected sentence (the paper's Figure 4): {@code inputMean} and
 * {@code forgetMean} are the input and forget gate values averaged over the layer's hidden units, in [0, 1].
 * {@code sentence} numbers the sentence in its test set and {@code position} the token in the sentence, from 0;
 * {@code token} is the target subword as the model's vocabulary spells it.
 */
public record TokenGateRow(String modelRun, String model, String gateMode, String layer, int sentence, int position,
    String token, double inputMean, double forgetMean) {

  public TokenGateRow {
    Objects.requireNonNull(modelRun, "modelRun");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(token, "token");
    String origin = "token gate row of model run '" + modelRun + "', layer '" + layer + "', sentence " + sentence
        + ", position " + position;
    GateMode.of(gateMode, origin);
    if (!(0 <= inputMean && inputMean <= 1 && 0 <= forgetMean && forgetMean <= 1)) {
      throw DataException.in(origin, "gate means in [0, 1]", "input " + inputMean + ", forget " + forgetMean);
    }
  }
}
