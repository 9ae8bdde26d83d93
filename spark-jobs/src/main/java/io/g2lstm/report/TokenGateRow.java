package io.g2lstm.report;

import io.g2lstm.common.DataException;
import java.util.Objects;

/**
 * The gates of one layer at one token of a selected sentence (the paper's Figure 4): {@code inputMean} and
 * {@code forgetMean} are the input and forget gate values averaged over the layer's hidden units, in [0, 1].
 * {@code sentence} is the sentence's position among the training pairs the {@code gates} job recorded and
 * {@code position} the token's in the sentence, from 0; {@code token} is the subword as the model's vocabulary spells
 * it: a source token for encoder layers, for decoder layers the target token the step predicts.
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
