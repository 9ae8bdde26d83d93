package io.g2lstm.model.bleu;

import java.util.ArrayList;
import java.util.List;

/**
 * The Python 3 string rules that sacreBLEU relies on and Java does not share: which characters are whitespace
 * ({@code str.isspace}), {@code str.rstrip()} and {@code str.split()} without arguments.
 */
final class PythonStrings {

  private PythonStrings() {}

  /** Python's {@code str.isspace()} for one character; all such characters lie in the Basic Multilingual Plane. */
  static boolean isSpace(char c) {
    if (c <= 0x20) {
      return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  /** {@code s.rstrip()}. */
  static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** {@code s.split()}: the words between runs of whitespace, none empty. */
  static List<String> split(String s) {
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
}
