package io.g2lstm.prep.bpe;

import io.g2lstm.common.PythonStrings;
import java.util.function.Consumer;

/**
 * The Python 3 string rules particular to subword-nmt: where {@code str.splitlines} breaks lines and how
 * {@code strip('\r\n ')} and {@code split(' ')} cut words. Whitespace and string order are {@link PythonStrings}'.
 */
final class PythonText {

  private PythonText() {}

  /** True if the string holds a character that {@link PythonStrings#isSpace} accepts. */
  static boolean containsSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (PythonStrings.isSpace(s.charAt(i))) {
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

  /** Drops the last {@code count} code points of {@code s}, like Python's {@code s[:-count]}. */
  static String dropLastCodePoints(String s, int count) {
    int end = s.length();
    for (int k = 0; k < count && end > 0; k++) {
      end = s.offsetByCodePoints(end, -1);
    }
    return s.substring(0, end);
  }

}
