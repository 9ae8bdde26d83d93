package io.g2lstm.prep.tokenize;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A detokenizer that gives the same output as Moses's {@code detokenizer.perl} for English and German: it undoes
 * {@code @-@} hyphen splitting and the tokenizer's escaping, then decides token by token whether to attach it to
 * its left or right neighbour (closing punctuation to the left, currency and opening brackets to the right,
 * straight quotes alternately right and left, English contractions to the left).
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class MosesDetokenizer implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String DOUBLE_QUOTE = "\"";

  private final MosesLanguage language;

  private MosesDetokenizer(MosesLanguage language) {
    this.language = language;
  }

  /**
   * The detokenizer for a language code.
   *
   * @throws io.g2lstm.common.ConfigurationException unless the code is {@code en} or {@code de}
   */
  public static MosesDetokenizer forLanguage(String languageCode) {
    return forLanguage(MosesLanguage.fromCode(languageCode));
  }

  /** The detokenizer for a language. */
  public static MosesDetokenizer forLanguage(MosesLanguage language) {
    return new MosesDetokenizer(language);
  }

  public MosesLanguage language() {
    return language;
  }

  /**
   * Detokenizes one line of space-separated tokens (without its line terminator). Blank lines and lines that look
   * like markup (starting with {@code <} and ending with {@code >}) are returned unchanged, as Moses prints them.
   */
  public String detokenize(String line) {
    if (PerlCharClasses.isBlank(line) || isMarkup(line)) {
      return line;
    }
    String text = " " + line + " ";
    if (text.contains(" @-@ ")) {
      text = joinHyphens(text);
    }
    List<String> words = splitOnSpaces(MosesEscaping.unescape(text));

    StringBuilder out = new StringBuilder(text.length());
    Map<String, Integer> quoteCounts = null;
    boolean spaceBefore = true;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String previous = i > 0 ? words.get(i - 1) : "";
      if (startsWithCjk(word)) {
        boolean afterCjk = i > 0 && endsWithCjk(previous);
        appendWord(out, word, spaceBefore && !afterCjk);
        spaceBefore = true;
      } else if (isOpeningRun(word)) {
        appendWord(out, word, spaceBefore);
        spaceBefore = false;
      } else if (isClosingRun(word)) {
        out.append(word);
        spaceBefore = true;
      } else if (language == MosesLanguage.EN && i > 0 && isContractionSuffix(word) && endsWithAlnum(previous)) {
        out.append(word);
        spaceBefore = true;
      } else if (isQuoteRun(word)) {
        if (quoteCounts == null) {
          quoteCounts = new HashMap<>();
        }
        String quote = isCurlyDoubleQuoteRun(word) ? DOUBLE_QUOTE : word;
        int count = quoteCounts.getOrDefault(quote, 0);
        if (count % 2 == 1) {
          out.append(word);
          spaceBefore = true;
          quoteCounts.put(quote, count + 1);
        } else if (language == MosesLanguage.EN && word.equals("'") && i > 0 && previous.endsWith("s")) {
          // The possessive of a word ending in s ("the Jones' house"): attach left, not an opening quote.
          out.append(word);
          spaceBefore = true;
        } else {
          appendWord(out, word, spaceBefore);
          spaceBefore = false;
          quoteCounts.put(quote, count + 1);
        }
      } else {
        appendWord(out, word, spaceBefore);
        spaceBefore = true;
      }
    }
    return collapseSpaces(out);
  }

  /** Moses passes lines matching {@code ^<.+>$} through untouched. */
  private static boolean isMarkup(String line) {
    return line.length() >= 3 && line.charAt(0) == '<' && line.charAt(line.length() - 1) == '>'
        && line.indexOf('\n') < 0;
  }

  /** Replaces each {@code " @-@ "} by {@code "-"}, leftmost first and without overlap, as {@code s///g} does. */
  private static String joinHyphens(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    int at = text.indexOf(" @-@ ");
    while (at >= 0) {
      out.append(text, from, at).append('-');
      from = at + 5;
      at = text.indexOf(" @-@ ", from);
    }
    return out.append(text, from, text.length()).toString();
  }

  /**
   * Perl's {@code split(/ /, text)}: every space separates, so two spaces in a row give an empty word; a leading
   * empty word is kept and trailing empty words are dropped.
   */
  private static List<String> splitOnSpaces(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    List<String> words = new ArrayList<>();
    int start = 0;
    while (start < end) {
      int space = text.indexOf(' ', start);
      if (space < 0 || space > end) {
        space = end;
      }
      words.add(text.substring(start, space));
      start = space + 1;
    }
    return words;
  }

  private static void appendWord(StringBuilder out, String word, boolean spaceBefore) {
    if (spaceBefore) {
      out.append(' ');
    }
    out.append(word);
  }

  private static boolean startsWithCjk(String word) {
    return !word.isEmpty() && PerlCharClasses.isCjk(word.codePointAt(0));
  }

  private static boolean endsWithCjk(String word) {
    return !word.isEmpty() && PerlCharClasses.isCjk(word.codePointBefore(word.length()));
  }

  private static boolean endsWithAlnum(String word) {
    return !word.isEmpty() && PerlCharClasses.isAlnum(word.codePointBefore(word.length()));
  }

  /** Currency symbols and opening brackets ({@code ( [ { ¿ ¡}) only: they attach to the next word. */
  private static boolean isOpeningRun(String word) {
    if (word.isEmpty()) {
      return false;
    }
    int i = 0;
    while (i < word.length()) {
      int cp = word.codePointAt(i);
      if (!(cp == '(' || cp == '[' || cp == '{' || cp == '¿' || cp == '¡' || PerlCharClasses.isCurrency(cp))) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** Only {@code , . ? ! : ; \ % } ] )}: they attach to the previous word. */
  private static boolean isClosingRun(String word) {
    return consistsOf(word, ",.?!:;\\%}])");
  }

  /** Only straight, curly-opening or back quotes ({@code ' " „ “ `}): paired up in order. */
  private static boolean isQuoteRun(String word) {
    return consistsOf(word, "'\"„“`");
  }

  /** German-style double quotes, which Moses counts together with {@code "}. */
  private static boolean isCurlyDoubleQuoteRun(String word) {
    return consistsOf(word, "„“”");
  }

  /** An English clitic such as {@code 's} or {@code 're}: an apostrophe followed by a letter. */
  private static boolean isContractionSuffix(String word) {
    return word.length() >= 2 && word.charAt(0) == '\'' && PerlCharClasses.isAlpha(word.codePointAt(1));
  }

  private static boolean consistsOf(String word, String allowed) {
    if (word.isEmpty()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (allowed.indexOf(word.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Moses's final clean-up: runs of spaces become one space, and the ends are trimmed. */
  private static String collapseSpaces(CharSequence text) {
    int n = text.length();
    StringBuilder out = new StringBuilder(n);
    boolean pendingSpace = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
