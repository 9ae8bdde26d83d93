package io.g2lstm.common;

import java.util.Arrays;

/** The median that benchmarks quote. */
public final class Medians {

  private Medians() {}

  /** The median of {@code values} (the mean of the two middle ones for an even count); the array is not changed. */
  public static double of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("expected at least one value, found none");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
