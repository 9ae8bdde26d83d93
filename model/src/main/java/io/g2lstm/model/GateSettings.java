package io.g2lstm.model;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.layer.GateMode;
import java.io.Serializable;

/**
 * How the input and forget gates of every G²-LSTM layer of a model behave: the one setting that distinguishes
 * baseline, sharpened and G² runs.
 *
 * @param mode the gate mode
 * @param temperature tau (g2 and sharpened)
 * @param noiseProbability p, the chance that an element's gate is noised (g2)
 * @param epsilon keeps the logarithms of the noise finite (g2)
 */
public record GateSettings(GateMode mode, double temperature, double noiseProbability, double epsilon)
    implements Serializable {

  /** The paper's temperatures: 0.9 for G², 0.2 for the sharpened-sigmoid baseline. */
  public static double defaultTemperature(GateMode mode) {
    return mode.defaultTemperature();
  }

  static GateSettings from(SettingsReader s) {
    GateMode mode = s.choice("mode", GateMode.class);
    return new GateSettings(mode,
        s.doubleIn("temperature", 1e-3, 100.0, defaultTemperature(mode)),
        s.doubleIn("noise-probability", 0.0, 1.0),
        s.doubleIn("epsilon", 1e-12, 0.5));
  }
}
