package io.g2lstm.report;

import java.math.BigDecimal;
import java.util.Locale;

/** How the report prints numbers: always {@link Locale#ROOT}, so a German or French default locale changes nothing. */
final class Numbers {

  /** What a missing or undefined figure (NaN) prints as. */
  static final String MISSING = "–";

  private static final char MINUS = '\u2212';

  private Numbers() {}

  /** {@code value} with {@code decimals} decimals, "–" for NaN. */
  static String fixed(double value, int decimals) {
    if (Double.isNaN(value)) {
      return MISSING;
    }
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    // Typographic minus, as the paper prints negative figures; "-0.00" is just zero.
    if (text.startsWith("-")) {
      return isZero(text) ? text.substring(1) : MINUS + text.substring(1);
    }
    return text;
  }

  /** A BLEU score or BLEU change, two decimals. */
  static String bleu(double value) {
    return fixed(value, 2);
  }

  /** A difference with its sign: "+0.40", "−0.40", "0.00". */
  static String change(double value) {
    String text = fixed(value, 2);
    boolean unsigned = Double.isNaN(value) || isZero(text) || text.charAt(0) == MINUS;
    return unsigned ? text : "+" + text;
  }

  /** A fraction in [0, 1] as a percentage with one decimal: "12.3%". */
  static String percent(double share) {
    return fixed(100 * share, 1) + "%";
  }

  /**
   * A compression parameter as short as it is exact, with at least one decimal: 0.5 as "0.5", 1 as "1.0", 0.125 as
   * "0.125".
   */
  static String setting(double value) {
    String text = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return text.contains(".") ? text : text + ".0";
  }

  /** A coordinate in an SVG: at most two decimals, no trailing zeros. */
  static String coordinate(double value) {
    return BigDecimal.valueOf(Math.round(value * 100) / 100.0).stripTrailingZeros().toPlainString();
  }

  private static boolean isZero(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '1' && c <= '9') {
        return false;
      }
    }
    return true;
  }
}
