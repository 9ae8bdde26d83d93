package io.g2lstm.model.bleu;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point text of a double as Python's {@code f"{x:.Nf}"} and C's {@code printf("%.Nf")} write it: the exact
 * binary value rounded half to even. {@code String.format} rounds the shortest decimal form half up instead, which
 * differs on ties such as 0.125.
 */
final class FixedDecimal {

  private FixedDecimal() {}

  static String format(double value, int digits) {
    return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }
}
