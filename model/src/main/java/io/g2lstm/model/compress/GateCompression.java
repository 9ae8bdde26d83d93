package io.g2lstm.model.compress;

import io.g2lstm.common.ConfigurationException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How the input- and forget-gate weight blocks of a trained model are compressed (the sensitivity analysis of Li et
 * al., 2018): rounding to a grid, rounding and clipping, or a low-rank approximation. The arithmetic is in
 * {@code GateBlockMath}.
 *
 * <p>The compression ratio of a method is the number of bits the gate blocks take as 32-bit floats divided by the
 * number of bits they take compressed ({@link #storedBits}).
 */
public sealed interface GateCompression extends Serializable {

  /** Bits of one uncompressed parameter: models are trained and stored as 32-bit floats. */
  int FLOAT_BITS = 32;

  /** The stable name used in tables and on the command line: {@code round}, {@code round-clip} or {@code svd}. */
  String name();

  /** The method's settings by name, in a fixed order, for tables and {@code compression.json}. */
  Map<String, Object> settings();

  /** The compressed values of a gate block {@code [rows][columns]}, as a new array. */
  double[][] apply(double[][] block);

  /** Fails with a {@link ConfigurationException} if the method cannot be applied to {@code block}. */
  default void requireApplicable(GateBlock block) {
  }

  /**
   * The bits needed to store the compressed blocks.
   *
   * @param distinctValues counts the distinct values present in the compressed blocks (as stored); called only by the
   *     methods whose size depends on it
   */
  long storedBits(List<GateBlock> blocks, LongSupplier distinctValues);

  /** The name and the settings' values as one word, e.g. {@code round-clip-0.5-1.0}: names a compressed model. */
  default String variant() {
    StringBuilder variant = new StringBuilder(name());
    for (Object value : settings().values()) {
      variant.append('-').append(value);
    }
    return variant.toString();
  }

  /** The name with the settings, e.g. {@code round-clip (step 0.5, clip 1.0)}. */
  default String label() {
    StringBuilder label = new StringBuilder(name()).append(" (");
    String separator = "";
    for (Map.Entry<String, Object> setting : settings().entrySet()) {
      label.append(separator).append(setting.getKey()).append(' ').append(setting.getValue());
      separator = ", ";
    }
    return label.append(')').toString();
  }

  /**
   * Rounding to the grid of multiples of {@code step}: {@code x -> rint(x / step) * step}, ties to the even multiple
   * ({@link Math#rint}, as NumPy's {@code round}).
   *
   * <p>Stored as an index into the table of the distinct values present: {@code max(1, ceil(log2(d)))} bits per
   * parameter for {@code d} distinct values in all compressed blocks together (the table itself is not counted).
   */
  record Round(double step) implements GateCompression {

    public static final String NAME = "round";

    public Round {
      requirePositive("step", step);
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Map<String, Object> settings() {
      return Map.of("step", step);
    }

    @Override
    public double[][] apply(double[][] block) {
      return GateBlockMath.round(block, step);
    }

    @Override
    public long storedBits(List<GateBlock> blocks, LongSupplier distinctValues) {
      return GateBlockMath.indexBits(distinctValues.getAsLong()) * parameters(blocks);
    }
  }

  /**
   * Rounding as {@link Round}, then clipping to {@code [-clip, clip]}: {@code x -> min(clip, max(-clip, rint(x /
   * step) * step))}. Values beyond the clip end up at {@code -clip} or {@code clip}, which lie on the grid when
   * {@code clip} is a multiple of {@code step} (the paper's 0.5 and 1.0). Stored as {@link Round} is.
   */
  record RoundClip(double step, double clip) implements GateCompression {

    public static final String NAME = "round-clip";

    public RoundClip {
      requirePositive("step", step);
      requirePositive("clip", clip);
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Map<String, Object> settings() {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("step", step);
      settings.put("clip", clip);
      return settings;
    }

    @Override
    public double[][] apply(double[][] block) {
      return GateBlockMath.clip(GateBlockMath.round(block, step), clip);
    }

    @Override
    public long storedBits(List<GateBlock> blocks, LongSupplier distinctValues) {
      return GateBlockMath.indexBits(distinctValues.getAsLong()) * parameters(blocks);
    }
  }

  /**
   * The best rank-{@code rank} approximation of each block separately (truncated singular value decomposition,
   * {@code GateBlockMath.lowRank}). A {@code [m, n]} block is stored as its two factors {@code [m, k]} and
   * {@code [k, n]} (the singular values folded into one of them): {@code k (m + n)} floats.
   */
  record LowRank(int rank) implements GateCompression {

    public static final String NAME = "svd";

    public LowRank {
      if (rank < 1) {
        throw new ConfigurationException("gate compression svd: rank: expected an integer >= 1, found " + rank);
      }
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Map<String, Object> settings() {
      return Map.of("rank", rank);
    }

    @Override
    public double[][] apply(double[][] block) {
      return GateBlockMath.lowRank(block, rank);
    }

    @Override
    public void requireApplicable(GateBlock block) {
      int largest = Math.min(block.rows(), block.columns());
      if (rank > largest) {
        throw new ConfigurationException("gate compression svd: rank: expected at most " + largest
            + " (the smaller side of the gate block " + block.label() + "), found " + rank);
      }
    }

    @Override
    public long storedBits(List<GateBlock> blocks, LongSupplier distinctValues) {
      long floats = 0;
      for (GateBlock block : blocks) {
        floats += (long) rank * (block.rows() + block.columns());
      }
      return FLOAT_BITS * floats;
    }
  }

  private static long parameters(List<GateBlock> blocks) {
    long parameters = 0;
    for (GateBlock block : blocks) {
      parameters += block.parameters();
    }
    return parameters;
  }

  private static void requirePositive(String setting, double value) {
    if (!(value > 0 && Double.isFinite(value))) {
      throw new ConfigurationException("gate compression: " + setting + ": expected a finite number > 0, found "
          + value);
    }
  }
}
