package io.g2lstm.model.gates;

import java.io.Serializable;
import java.util.List;

/**
 * The distribution of one gate's values over [0, 1], as a {@link GateHistogram} counted it.
 *
 * @param bins the equal bins in order, from {@code [0, 1/B)} to {@code [(B-1)/B, 1]}
 * @param total the number of values
 * @param below the number of values below {@link GateHistogram#LOW} (0.1)
 * @param above the number of values above {@link GateHistogram#HIGH} (0.9)
 * @param mean the mean value, NaN when there are none
 */
public record GateDistribution(List<Bin> bins, long total, long below, long above, double mean)
    implements Serializable {

  /**
   * One bin: the values {@code v} with {@code lower <= v < upper} (also {@code v = 1} in the last bin).
   *
   * @param count the number of those values
   */
  public record Bin(double lower, double upper, long count) implements Serializable {}

  public GateDistribution {
    bins = List.copyOf(bins);
  }

  /** The share of values below 0.1, NaN when there are none. */
  public double shareBelow() {
    return fraction(below);
  }

  /** The share of values above 0.9, NaN when there are none. */
  public double shareAbove() {
    return fraction(above);
  }

  /** The share of values in bin {@code k}, NaN when there are none. */
  public double share(int k) {
    return fraction(bins.get(k).count());
  }

  private double fraction(long count) {
    return total == 0 ? Double.NaN : (double) count / total;
  }
}
