package io.g2lstm.prep.tokenize;

/**
 * The XML-style escaping of Moses's tokenizer ({@code & | < > ' " [ ]}, which Moses reserves for factors, markup
 * and syntax non-terminals) and its inverse from the detokenizer, which also reads the legacy entities
 * {@code &bar; &bra; &ket;}.
 */
final class MosesEscaping {

  private MosesEscaping() {}

  /** Whether the character would be replaced by {@link #appendEscaped}. */
  static boolean isEscaped(char c) {
    return c == '&' || c == '|' || c == '<' || c == '>' || c == '\'' || c == '"' || c == '[' || c == ']';
  }

  /** Appends {@code text[start, end)} to {@code out}, replacing each reserved character by its entity. */
  static void appendEscaped(StringBuilder out, CharSequence text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '|' -> out.append("&#124;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\'' -> out.append("&apos;");
        case '"' -> out.append("&quot;");
        case '[' -> out.append("&#91;");
        case ']' -> out.append("&#93;");
        default -> out.append(c);
      }
    }
  }

  /**
   * Replaces every entity the detokenizer knows by its character. Moses applies one substitution per entity in
   * turn, {@code &amp;} last; since no entity overlaps another and no replacement but the last creates an
   * {@code &}, one left-to-right pass that never rereads its output gives the same result.
   */
  static String unescape(String text) {
    int amp = text.indexOf('&');
    if (amp < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    out.append(text, 0, amp);
    int i = amp;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c != '&') {
        out.append(c);
        i++;
        continue;
      }
      int semicolon = text.indexOf(';', i + 1);
      char decoded = semicolon < 0 || semicolon - i > 5 ? 0 : decode(text, i + 1, semicolon);
      if (decoded == 0) {
        out.append(c);
        i++;
      } else {
        out.append(decoded);
        i = semicolon + 1;
      }
    }
    return out.toString();
  }

  /** The character named by the entity body {@code text[start, end)}, or 0 when it is not one Moses decodes. */
  private static char decode(String text, int start, int end) {
    return switch (text.substring(start, end)) {
      case "bar", "#124" -> '|';
      case "lt" -> '<';
      case "gt" -> '>';
      case "bra", "#91" -> '[';
      case "ket", "#93" -> ']';
      case "quot" -> '"';
      case "apos" -> '\'';
      case "amp" -> '&';
      default -> 0;
    };
  }
}
