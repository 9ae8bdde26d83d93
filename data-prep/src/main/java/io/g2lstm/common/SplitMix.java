package io.g2lstm.common;

/** SplitMix64's finaliser, for deriving independent seeds from a seed and the indices of what they seed. */
public final class SplitMix {

  private SplitMix() {}

  /** A well-mixed seed from {@code key} and {@code value}. */
  public static long mix(long key, long value) {
    long z = key + value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
