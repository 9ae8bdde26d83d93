package io.g2lstm.model.compress;

import java.util.List;
import java.util.Locale;

/**
 * What a compression did to a model.
 *
 * @param blocks the compressed gate blocks, in the graph's layer order
 * @param parameters the number of weights in those blocks, {@code sum of m n} over blocks {@code [m, n]}
 * @param compressionRatio the parameter compression ratio of the gate blocks: the bits they take as 32-bit floats
 *     over the bits they take compressed ({@link GateCompression#storedBits}). For {@code svd} with rank k that is
 *     {@code sum(m n) / sum(k (m + n))}; for {@code round} and {@code round-clip} it is {@code 32 / b} with
 *     {@code b = max(1, ceil(log2(d)))} bits per value for the {@code d} distinct values present in all compressed
 *     blocks together (as stored)
 * @param maxAbsoluteChange the largest absolute change of any weight in the blocks, as stored
 */
public record CompressionReport(GateCompression method, List<GateBlock> blocks, long parameters,
    double compressionRatio, double maxAbsoluteChange) {

  public CompressionReport {
    blocks = List.copyOf(blocks);
  }

  /** One line: method, blocks, parameters, ratio and largest change. */
  public String summary() {
    return String.format(Locale.ROOT, "%s: %d gate blocks, %d parameters, compression ratio %.2f, largest change %.4g",
        method.label(), blocks.size(), parameters, compressionRatio, maxAbsoluteChange);
  }
}
