package io.g2lstm.report;

/**
 * Text from the result tables (model names, run ids, subword tokens) made safe for the report's formats. Tokens come
 * from arbitrary corpora, so they may hold markup, entities, quotes, control characters or unpaired surrogates.
 */
final class Escape {

  private static final char REPLACEMENT = '\uFFFD';
  private static final String MARKDOWN_SPECIAL = "\\`*_[]<>|~";

  private Escape() {}

  /** Text for HTML and SVG, in element content and in quoted attribute values alike. */
  static String xml(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.appendCodePoint(allowedInXml(c) ? c : REPLACEMENT);
      }
    }
    return out.toString();
  }

  /**
   * Text for a Markdown paragraph or table cell: line breaks become spaces (a cell is one line), and the characters
   * that would start emphasis, code, links, raw HTML or a new cell are backslash-escaped, as is an ampersand that
   * could start an entity ({@code &amp;}, {@code &#38;}); "Round & clip" stays as it is.
   */
  static String markdown(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\r' || c == '\n') {
        out.append(' ');
      } else if (c < 128 && MARKDOWN_SPECIAL.indexOf(c) >= 0) {
        out.append('\\').append((char) c);
      } else if (c == '&' && i < text.length() && startsEntity(text.charAt(i))) {
        out.append("\\&");
      } else {
        out.appendCodePoint(allowedInXml(c) ? c : REPLACEMENT);
      }
    }
    return out.toString();
  }

  private static boolean startsEntity(char next) {
    return next == '#' || (next < 128 && Character.isLetterOrDigit(next));
  }

  /** XML 1.0's Char production; an SVG with anything else is not well-formed. */
  private static boolean allowedInXml(int c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
