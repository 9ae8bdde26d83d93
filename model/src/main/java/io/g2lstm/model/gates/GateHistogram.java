package io.g2lstm.model.gates;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The distribution of one gate's values over [0, 1]: counts in equal bins (bin k holds {@code [k/B, (k+1)/B)}, the
 * last bin also 1, so a value on an edge counts in the bin above it), exact counts of the values below
 * {@link #LOW} and above {@link #HIGH} (the paper's shares near 0 and near 1; counted from the values, not from the
 * bins), the number of values and their sum. An accumulator: values are added one by one or an array at a time,
 * histograms of parts merge into that of the whole (Spark merges them across partitions), and {@link #freeze}
 * gives the immutable result. Not thread-safe.
 */
public final class GateHistogram implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The paper's histograms have 20 bins of width 0.05. */
  public static final int DEFAULT_BINS = 20;
  /** Values below this count as near 0. */
  public static final double LOW = 0.1;
  /** Values above this count as near 1. */
  public static final double HIGH = 0.9;

  private final long[] counts;
  private long below;
  private long above;
  private long total;
  private double sum;

  /** An empty histogram of {@link #DEFAULT_BINS} bins. */
  public GateHistogram() {
    this(DEFAULT_BINS);
  }

  /** An empty histogram of {@code bins} equal bins over [0, 1]. */
  public GateHistogram(int bins) {
    if (bins < 1) {
      throw new ConfigurationException("gate histogram: expected at least 1 bin, found " + bins);
    }
    this.counts = new long[bins];
  }

  public int bins() {
    return counts.length;
  }

  /** The number of values added, here or in merged histograms. */
  public long total() {
    return total;
  }

  /** Adds one gate value, which must lie in [0, 1]; returns this. */
  public GateHistogram add(double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new DataException("gate value: expected a number in [0, 1], found " + value);
    }
    counts[GateMath.bin(value, counts.length)]++;
    if (value < LOW) {
      below++;
    } else if (value > HIGH) {
      above++;
    }
    total++;
    sum += value;
    return this;
  }

  /** Adds every value of {@code values}; returns this. */
  public GateHistogram addAll(float[] values) {
    return addAll(values, 0, values.length);
  }

  /** Adds {@code values[from]} to {@code values[to - 1]}; returns this. */
  public GateHistogram addAll(float[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      add(values[i]);
    }
    return this;
  }

  /** Adds the values counted by {@code other}, which must have as many bins; returns this. */
  public GateHistogram merge(GateHistogram other) {
    if (other.counts.length != counts.length) {
      throw new ConfigurationException("gate histogram merge: expected a histogram of " + counts.length
          + " bins, found one of " + other.counts.length);
    }
    for (int k = 0; k < counts.length; k++) {
      counts[k] += other.counts[k];
    }
    below += other.below;
    above += other.above;
    total += other.total;
    sum += other.sum;
    return this;
  }

  /** The distribution as counted so far; later additions do not change it. */
  public GateDistribution freeze() {
    List<GateDistribution.Bin> bins = new ArrayList<>(counts.length);
    for (int k = 0; k < counts.length; k++) {
      bins.add(new GateDistribution.Bin(GateMath.edge(k, counts.length), GateMath.edge(k + 1, counts.length),
          counts[k]));
    }
    return new GateDistribution(bins, total, below, above, total == 0 ? Double.NaN : sum / total);
  }
}
