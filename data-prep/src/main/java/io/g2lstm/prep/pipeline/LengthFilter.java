package io.g2lstm.prep.pipeline;

import io.g2lstm.common.ConfigurationException;
import java.io.Serializable;
import java.util.Optional;

/**
 * Length filters on training pairs, counted in subwords.
 *
 * @param minLength the fewest subwords either side may have
 * @param maxLength the most subwords either side may have (the paper: 64)
 * @param maxLengthRatio the largest ratio of the longer side's length to the shorter's
 */
public record LengthFilter(int minLength, int maxLength, double maxLengthRatio) implements Serializable {

  public LengthFilter {
    if (minLength < 1 || maxLength < minLength) {
      throw new ConfigurationException("length filter: expected 1 <= min-length <= max-length, found min-length "
          + minLength + " and max-length " + maxLength);
    }
    if (!(maxLengthRatio >= 1.0)) {
      throw new ConfigurationException("length filter: expected max-length-ratio >= 1, found " + maxLengthRatio);
    }
  }

  /** Why a pair of these lengths is dropped, if it is. */
  public Optional<DropReason> check(int sourceLength, int targetLength) {
    int shorter = Math.min(sourceLength, targetLength);
    int longer = Math.max(sourceLength, targetLength);
    if (shorter < minLength) {
      return Optional.of(DropReason.TOO_SHORT);
    }
    if (longer > maxLength) {
      return Optional.of(DropReason.TOO_LONG);
    }
    if (longer > maxLengthRatio * shorter) {
      return Optional.of(DropReason.LENGTH_RATIO);
    }
    return Optional.empty();
  }
}
