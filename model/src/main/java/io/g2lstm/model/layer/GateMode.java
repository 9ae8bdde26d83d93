package io.g2lstm.model.layer;

/** How a G²-LSTM layer computes its input and forget gates. */
public enum GateMode {
  /** A standard LSTM: sigmoid gates. */
  BASELINE,
  /** Sharpened sigmoid, {@code sigmoid(a / tau)}, in training and inference alike. */
  SHARPENED,
  /** Gumbel-gate LSTM: noised, tempered gates in training; {@code sigmoid(a)} in inference. */
  G2
}
