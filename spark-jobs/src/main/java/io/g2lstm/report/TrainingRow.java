package io.g2lstm.report;

import java.util.Objects;

/**
 * One epoch of a model's training, as the {@code training_metrics} table records it: the mean training loss per
 * target token and the validation perplexity after the epoch (NaN when the validation split is empty).
 */
public record TrainingRow(String modelRun, String model, String gateMode, int epoch, double trainLoss,
    double validPerplexity) {

  public TrainingRow {
    Objects.requireNonNull(modelRun, "modelRun");
    Objects.requireNonNull(model, "model");
    GateMode.of(gateMode, "training row of model run '" + modelRun + "', epoch " + epoch);
  }
}
