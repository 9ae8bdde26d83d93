package io.g2lstm.prep.bpe;

import java.util.function.Consumer;

/**
 * The Python 3 string rules that subword-nmt depends on and Java does not share: which characters are
 * whitespace ({@code str.isspace}, the {@code \s} of {@code re}), where {@code str.splitlines} breaks lines,
 * how {@code strip('\r\n ')} and {@code split(' ')} cut words, and code-point string order.
 */
final class PythonText {

  private PythonText() {}

  /** Python's {@code str.isspace()} for one code point (Unicode 14, as in Python 3.11). */
  static boolean isSpace(int c) {
    if (c <= 0x20) {
      return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  /** True if the string holds a character that {@link #isSpace} accepts. */
  static boolean containsSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isSpace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The characters subword-nmt strips from both ends of a line: {@code '\r\n '}. */
  static boolean isStripChar(char c) {
    return c == ' ' || c == '\n' || c == '\r';
  }

  /** {@code s.strip('\r\n ')}. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isStripChar(s.charAt(start))) {
      start++;
    }
    while (end > start && isStripChar(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /**
   * The line break of {@code str.splitlines} (and of reading through {@code codecs}) that starts at {@code i}:
   * its length in chars (2 for {@code "\r\n"}), or 0 if none starts there.
   */
  static int lineBreakAt(CharSequence s, int i) {
    char c = s.charAt(i);
    if (c == '\r') {
      return i + 1 < s.length() && s.charAt(i + 1) == '\n' ? 2 : 1;
    }
    return isLineBreakChar(c) ? 1 : 0;
  }

  /** Characters other than {@code '\r'} that end a line for {@code str.splitlines}. */
  static boolean isLineBreakChar(char c) {
    return c == '\n' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E
        || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  /**
   * Passes the words of one line to {@code sink} as subword-nmt's {@code get_vocabulary} finds them:
   * {@code line.strip('\r\n ').split(' ')}, empty strings skipped. Only the space separates words.
   */
  static void forEachWord(String line, Consumer<String> sink) {
    int start = 0;
    int end = line.length();
    while (start < end && isStripChar(line.charAt(start))) {
      start++;
    }
    while (end > start && isStripChar(line.charAt(end - 1))) {
      end--;
    }
    while (start < end) {
      int space = line.indexOf(' ', start);
      int wordEnd = space < 0 || space > end ? end : space;
      if (wordEnd > start) {
        sink.accept(line.substring(start, wordEnd));
      }
      start = wordEnd + 1;
    }
  }

  /**
   * Passes the words of a text that may span several lines (split as {@code str.splitlines} does) to
   * {@code sink}, each line treated like {@link #forEachWord}.
   */
  static void forEachWordOfText(String text, Consumer<String> sink) {
    int lineStart = 0;
    int i = 0;
    while (i < text.length()) {
      int breakLength = lineBreakAt(text, i);
      if (breakLength == 0) {
        i++;
      } else {
        i += breakLength;
        // The line keeps its terminator: strip() removes \r and \n, but other breaks stay with the last word.
        forEachWord(text.substring(lineStart, i), sink);
        lineStart = i;
      }
    }
    if (lineStart < text.length()) {
      forEachWord(text.substring(lineStart), sink);
    }
  }

  /** {@code a.compareTo(b)} in Unicode code-point order, as Python compares strings. */
  static int compareCodePoints(String a, String b) {
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

  /** Drops the last {@code count} code points of {@code s}, like Python's {@code s[:-count]}. */
  static String dropLastCodePoints(String s, int count) {
    int end = s.length();
    for (int k = 0; k < count && end > 0; k++) {
      end = s.offsetByCodePoints(end, -1);
    }
    return s.substring(0, end);
  }

  /**
   * Maps a UTF-16 unit so that unit order equals code-point order: surrogates (which encode code points
   * above U+FFFF) move above U+E000..U+FFFF.
   */
  private static int codePointOrderKey(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
