package io.g2lstm.model.gates;

/**
 * The arithmetic of gate statistics, on plain Java arrays.
 *
 * <p>Shapes ({@code b} = minibatch, {@code H} = units of the layer, {@code T} = time steps of the batch,
 * {@code n} = real positions of one sentence):
 *
 * <ul>
 *   <li>a batch's gate array is {@code [b, H, T]} as {@code G2Lstm.gateValues} gives it, flattened in column-major
 *       order: element {@code (i, j, t)} at {@code i + b (j + H t)};
 *   <li>a sentence's values are position-major {@code [n, H]}: element {@code (p, j)} at {@code p H + j}.
 * </ul>
 */
final class GateMath {

  private GateMath() {}

  /** The lower edge of bin {@code k} of {@code bins} equal bins over [0, 1], {@code k / bins} (k = bins gives 1). */
  static double edge(int k, int bins) {
    return (double) k / bins;
  }

  /**
   * The bin of {@code value} (in [0, 1]) among {@code bins} equal bins: bin k holds {@code [edge(k), edge(k + 1))},
   * the last also 1. A value equal to an edge goes to the bin above it.
   */
  static int bin(double value, int bins) {
    if (value >= 1.0) {
      return bins - 1;
    }
    int k = (int) (value * bins);
    // value * bins is rounded, so it can land on the wrong side of an edge: compare with the edges themselves.
    if (k > 0 && value < edge(k, bins)) {
      k--;
    } else if (k + 1 < bins && value >= edge(k + 1, bins)) {
      k++;
    }
    return k;
  }

  /**
   * The values of one example's real positions, {@code [length, H]}, from a batch's gate array {@code [b, H, T]}.
   * Position p is time step p, or step {@code T - 1 - p} when the layer ran on the time-reversed batch (the
   * backward direction of a bidirectional layer reverses the whole padded batch, so a sentence's positions end at
   * step T - 1).
   *
   * @param gates the batch's gate array, column-major
   * @param row the example
   * @param length its real positions (the first {@code length} of the batch's time axis)
   */
  static float[] realPositions(float[] gates, int batch, int hidden, int steps, int row, int length,
      boolean reversed) {
    float[] values = new float[length * hidden];
    for (int p = 0; p < length; p++) {
      int t = reversed ? steps - 1 - p : p;
      for (int j = 0; j < hidden; j++) {
        values[p * hidden + j] = gates[row + batch * (j + hidden * t)];
      }
    }
    return values;
  }

  /** The mean over the H units at every position of a position-major {@code [n, H]} array: {@code [n]}. */
  static double[] unitMeans(float[] values, int hidden) {
    double[] means = new double[values.length / hidden];
    for (int p = 0; p < means.length; p++) {
      double sum = 0;
      for (int j = 0; j < hidden; j++) {
        sum += values[p * hidden + j];
      }
      means[p] = sum / hidden;
    }
    return means;
  }
}
