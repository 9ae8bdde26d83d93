package io.g2lstm.model.bleu;

import java.util.Optional;

/**
 * How BLEU treats an n-gram order without matches (Chen and Cherry, 2014, as sacreBLEU implements them). Only
 * {@link #FLOOR} and {@link #ADD_K} take a value.
 */
public enum Smoothing {

  /** No smoothing: a zero precision makes the score zero. */
  NONE("none", Double.NaN),
  /** Method 1: a zero count becomes the value (0.1 by default). */
  FLOOR("floor", 0.1),
  /** Method 2: the value (1 by default) is added to the counts and totals of the orders above unigrams. */
  ADD_K("add-k", 1),
  /** Method 3, mteval-v13a's: the k-th zero precision becomes 1 / (2^k total). sacreBLEU's default. */
  EXP("exp", Double.NaN);

  private final String signature;
  private final double defaultValue;

  Smoothing(String signature, double defaultValue) {
    this.signature = signature;
    this.defaultValue = defaultValue;
  }

  /** The name sacreBLEU gives this method on its command line and in its signature. */
  public String signature() {
    return signature;
  }

  public boolean takesValue() {
    return !Double.isNaN(defaultValue);
  }

  /** The value used when none is given; NaN for the methods that take none. */
  public double defaultValue() {
    return defaultValue;
  }

  /** The method of that name, if there is one. */
  public static Optional<Smoothing> named(String name) {
    for (Smoothing smoothing : values()) {
      if (smoothing.signature.equals(name)) {
        return Optional.of(smoothing);
      }
    }
    return Optional.empty();
  }
}
