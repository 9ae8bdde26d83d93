package io.g2lstm.model.bleu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Python's and C's fixed-point formatting, where {@code String.format} differs. */
class FixedDecimalTest {

  @Test
  void roundsTheExactBinaryValueHalfToEven() {
    assertEquals("0.12", FixedDecimal.format(0.125, 2));
    assertEquals("0.38", FixedDecimal.format(0.375, 2));
    // 1.005 and 2.675 lie just below the decimal tie in binary.
    assertEquals("1.00", FixedDecimal.format(1.005, 2));
    assertEquals("2.67", FixedDecimal.format(2.675, 2));
    assertEquals("100.0", FixedDecimal.format(99.96, 1));
    assertEquals("0.000", FixedDecimal.format(0.0, 3));
  }
}
