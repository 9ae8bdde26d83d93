package io.g2lstm.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The Python 3 string rules that the reference tools (subword-nmt, sacreBLEU) rely on and Java does not share: which
 * characters are whitespace ({@code str.isspace}), {@code str.rstrip()} and {@code str.split()} without arguments,
 * and string order (by code point, where Java's {@code compareTo} orders UTF-16 units).
 */
public final class PythonStrings {

  private PythonStrings() {}

  /** Python's {@code str.isspace()} for one code point; all such characters lie in the Basic Multilingual Plane. */
  public static boolean isSpace(int c) {
    if (c <= 0x20) {
      return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  /** {@code s.rstrip()}. */
  public static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** {@code s.split()}: the words between runs of whitespace, none empty. */
  public static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < s.length(); i++) {
      if (isSpace(s.charAt(i))) {
        if (start >= 0) {
          words.add(s.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      words.add(s.substring(start));
    }
    return words;
  }

  /** {@code a.compareTo(b)} in Unicode code-point order, as Python compares strings. */
  public static int compareCodePoints(String a, String b) {
    int common = Math.min(a.length(), b.length());
    for (int i = 0; i < common; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointOrderKey(x) - codePointOrderKey(y);
      }
    }
    return a.length() - b.length();
  }

  /**
   * Maps a UTF-16 unit so that unit order equals code-point order: surrogates (which encode code points above
   * U+FFFF) move above U+E000..U+FFFF.
   */
  private static int codePointOrderKey(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
