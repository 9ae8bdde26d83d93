package io.g2lstm.model.layer;

/**
 * How a {@link G2LstmLayer} computes its input and forget gates. The output gate is always {@code sigmoid(a)} and
 * the candidate always {@code tanh(a)}; {@code a} is a gate's pre-activation {@code x W + h RW + b}.
 */
public enum GateMode {

  /** A standard LSTM: {@code i = sigmoid(a_i)}, {@code f = sigmoid(a_f)}, in training and inference. */
  BASELINE(1.0),

  /**
   * Sharpened gates without noise, {@code sigmoid(a / tau)}, in training and inference alike (the paper's
   * "sharpened sigmoid" baseline; tau defaults to 0.2).
   */
  SHARPENED(0.2),

  /**
   * G²-LSTM. Training: {@code sigmoid((a + B * (log(U + eps) - log(1 - U + eps))) / tau)} with
   * {@code U ~ Uniform(0, 1)} and {@code B ~ Bernoulli(p)} drawn independently per element and time step
   * (tau defaults to 0.9). Inference: {@code sigmoid(a)}.
   */
  G2(0.9);

  private final double defaultTemperature;

  GateMode(double defaultTemperature) {
    this.defaultTemperature = defaultTemperature;
  }

  /** The temperature used when none is configured (1 for {@link #BASELINE}, where it has no effect). */
  public double defaultTemperature() {
    return defaultTemperature;
  }
}
