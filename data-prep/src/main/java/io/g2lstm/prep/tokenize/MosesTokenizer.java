package io.g2lstm.prep.tokenize;

import java.io.Serializable;
import java.util.function.IntPredicate;

/**
 * A tokenizer that gives the same output as Moses's {@code tokenizer.perl} for English and German, so that
 * models and scores stay comparable with the usual NMT tooling. Moses's {@code -penn}, {@code -x} and
 * {@code -protected} modes are not reproduced.
 *
 * <p>Moses rewrites the line with a dozen regular expressions in sequence. This class applies the same rules in
 * the same order, each as one hand-written pass over the text that reproduces the regular expression's matching
 * (leftmost, non-overlapping, one capture consumed per match), and skips rules that cannot fire (no comma, no
 * apostrophe), so a line costs a few linear scans and no regular expression at all.
 *
 * <p>Instances are immutable and safe to share between threads. Options mirror the script's flags:
 * {@link #withAggressiveHyphenSplit} is {@code -a}, {@code withEscape(false)} is {@code -no-escape}.
 */
public final class MosesTokenizer implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final IntPredicate ALPHA = PerlCharClasses::isAlpha;
  private static final IntPredicate NOT_ALPHA = cp -> !PerlCharClasses.isAlpha(cp);
  private static final IntPredicate NEITHER_ALPHA_NOR_NUMBER =
      cp -> !PerlCharClasses.isAlpha(cp) && !PerlCharClasses.isNumber(cp);
  private static final IntPredicate NUMBER = PerlCharClasses::isNumber;
  private static final IntPredicate LETTER_S = cp -> cp == 's';

  private final MosesLanguage language;
  private final boolean aggressiveHyphenSplit;
  private final boolean escape;
  private final NonbreakingPrefixes prefixes;

  private MosesTokenizer(MosesLanguage language, boolean aggressiveHyphenSplit, boolean escape,
      NonbreakingPrefixes prefixes) {
    this.language = language;
    this.aggressiveHyphenSplit = aggressiveHyphenSplit;
    this.escape = escape;
    this.prefixes = prefixes;
  }

  /**
   * A tokenizer with Moses's defaults (escaping on, no aggressive hyphen splitting).
   *
   * @throws io.g2lstm.common.ConfigurationException unless the code is {@code en} or {@code de}
   */
  public static MosesTokenizer forLanguage(String languageCode) {
    return forLanguage(MosesLanguage.fromCode(languageCode));
  }

  /** A tokenizer with Moses's defaults (escaping on, no aggressive hyphen splitting). */
  public static MosesTokenizer forLanguage(MosesLanguage language) {
    return new MosesTokenizer(language, false, true, NonbreakingPrefixes.forLanguage(language));
  }

  /** The same tokenizer, splitting hyphens between letters or digits into {@code @-@} tokens (Moses {@code -a}). */
  public MosesTokenizer withAggressiveHyphenSplit(boolean split) {
    return new MosesTokenizer(language, split, escape, prefixes);
  }

  /** The same tokenizer, with escaping of {@code & | < > ' " [ ]} on or off (off is Moses {@code -no-escape}). */
  public MosesTokenizer withEscape(boolean escapeSpecialCharacters) {
    return new MosesTokenizer(language, aggressiveHyphenSplit, escapeSpecialCharacters, prefixes);
  }

  public MosesLanguage language() {
    return language;
  }

  public boolean aggressiveHyphenSplit() {
    return aggressiveHyphenSplit;
  }

  public boolean escape() {
    return escape;
  }

  /**
   * Tokenizes one line (without its line terminator): tokens come out separated by single spaces. A blank line is
   * returned unchanged, as Moses prints it.
   */
  public String tokenize(String line) {
    if (PerlCharClasses.isBlank(line)) {
      return line;
    }
    StringBuilder text = separateSymbols(normalizeWhitespace(line));
    if (indexOf(text, ',') >= 0) {
      text = separateCommas(text);
    }
    if (indexOf(text, '\'') >= 0) {
      text = language == MosesLanguage.EN ? splitEnglishApostrophes(text) : separateApostrophes(text);
    }
    return finish(joinWordsSplittingPeriods(text));
  }

  /**
   * Turns each run of whitespace into one space, deletes the other control characters (U+0000 to U+001F) and
   * trims both ends.
   */
  private static StringBuilder normalizeWhitespace(String line) {
    StringBuilder out = new StringBuilder(line.length() + 16);
    boolean pendingSpace = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      int cp = line.codePointAt(i);
      i += Character.charCount(cp);
      if (PerlCharClasses.isSpace(cp)) {
        pendingSpace = out.length() > 0;
      } else if (cp >= 0x20) {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.appendCodePoint(cp);
      }
    }
    return out;
  }

  /**
   * Puts spaces around every character that is neither alphanumeric nor one of {@code . ' ` , -}; with aggressive
   * splitting, turns a hyphen between two alphanumerics into {@code " @-@ "}; and sets each run of two or more
   * periods apart as its own token (Moses's DOTMULTI rule: a space before the run, and one after it unless it ends
   * the line). Fusing these three rules into one pass is exact because none of them changes what the others see:
   * periods and hyphens are never spaced out, and spacing never makes a character alphanumeric.
   */
  private StringBuilder separateSymbols(CharSequence in) {
    int n = in.length();
    StringBuilder out = new StringBuilder(n + (n >> 2) + 16);
    int i = 0;
    while (i < n) {
      char c = in.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < n && in.charAt(end) == '.') {
          end++;
        }
        if (end - i == 1) {
          out.append('.');
        } else {
          out.append(' ').append(in, i, end);
          if (end < n) {
            out.append(' ');
          }
        }
        i = end;
      } else if (c == '-') {
        if (aggressiveHyphenSplit && i > 0 && i + 1 < n
            && PerlCharClasses.isAlnum(Character.codePointBefore(in, i))
            && PerlCharClasses.isAlnum(Character.codePointAt(in, i + 1))) {
          out.append(" @-@ ");
        } else {
          out.append('-');
        }
        i++;
      } else {
        int cp = Character.codePointAt(in, i);
        int next = i + Character.charCount(cp);
        if (cp == ' ' || c == '\'' || c == '`' || c == ',' || PerlCharClasses.isAlnum(cp)) {
          out.append(in, i, next);
        } else {
          out.append(' ').append(in, i, next).append(' ');
        }
        i = next;
      }
    }
    return out;
  }

  /**
   * Separates commas except between two numbers ({@code 5,300}), with Moses's three rules in turn: a comma after a
   * non-number, then a comma before a non-number, then a comma that ends the line after a number. The first two
   * consume the neighbouring character, so in {@code x,,5} the second comma stays attached to the 5, as in Moses.
   */
  private static StringBuilder separateCommas(StringBuilder text) {
    int n = text.length();
    StringBuilder afterNonNumber = new StringBuilder(n + 16);
    int i = 0;
    while (i < n) {
      int cp = Character.codePointAt(text, i);
      int next = i + Character.charCount(cp);
      afterNonNumber.append(text, i, next);
      if (next < n && text.charAt(next) == ',' && !PerlCharClasses.isNumber(cp)) {
        afterNonNumber.append(" , ");
        next++;
      }
      i = next;
    }

    n = afterNonNumber.length();
    StringBuilder out = new StringBuilder(n + 16);
    i = 0;
    while (i < n) {
      char c = afterNonNumber.charAt(i);
      if (c == ',' && i + 1 < n) {
        int cp = Character.codePointAt(afterNonNumber, i + 1);
        if (!PerlCharClasses.isNumber(cp)) {
          out.append(" , ").appendCodePoint(cp);
          i += 1 + Character.charCount(cp);
          continue;
        }
      }
      out.append(c);
      i++;
    }

    int last = out.length() - 1;
    if (last > 0 && out.charAt(last) == ','
        && PerlCharClasses.isNumber(Character.codePointBefore(out, last))) {
      out.insert(last, ' ');
    }
    return out;
  }

  /**
   * English contractions split to the right ({@code don't} → {@code don 't}), every other apostrophe set apart,
   * and a year's {@code 's} kept together ({@code 1990 's}): Moses's five rules, in its order.
   */
  private static StringBuilder splitEnglishApostrophes(StringBuilder text) {
    StringBuilder out = spaceApostrophes(text, NOT_ALPHA, NOT_ALPHA, " ' ");
    out = spaceApostrophes(out, NEITHER_ALPHA_NOR_NUMBER, ALPHA, " ' ");
    out = spaceApostrophes(out, ALPHA, NOT_ALPHA, " ' ");
    out = spaceApostrophes(out, ALPHA, ALPHA, " '");
    return spaceApostrophes(out, NUMBER, LETTER_S, " '");
  }

  /**
   * One substitution {@code s/(before)'(after)/$1<replacement>$2/g}: each apostrophe with a character matching
   * {@code before} just ahead of it and one matching {@code after} just behind it is replaced; matches do not
   * overlap, so a character consumed as {@code after} cannot serve as the next match's {@code before}.
   */
  private static StringBuilder spaceApostrophes(StringBuilder text, IntPredicate before, IntPredicate after,
      String replacement) {
    int n = text.length();
    StringBuilder out = new StringBuilder(n + 16);
    int i = 0;
    while (i < n) {
      int cp = Character.codePointAt(text, i);
      int next = i + Character.charCount(cp);
      out.append(text, i, next);
      if (next + 1 < n && text.charAt(next) == '\'' && before.test(cp)) {
        int following = Character.codePointAt(text, next + 1);
        if (after.test(following)) {
          out.append(replacement).appendCodePoint(following);
          next += 1 + Character.charCount(following);
        }
      }
      i = next;
    }
    return out;
  }

  /** Languages other than English: every apostrophe becomes a token of its own. */
  private static StringBuilder separateApostrophes(StringBuilder text) {
    int n = text.length();
    StringBuilder out = new StringBuilder(n + 16);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        out.append(" ' ");
      } else {
        out.append(c);
      }
    }
    return out;
  }

  /**
   * Joins the space-separated words with single spaces, splitting a word-final period off unless it marks an
   * abbreviation. Moses keeps the period when the stem contains a period and a letter ({@code U.S.}), is a plain
   * non-breaking prefix, or is followed by a word starting with a lowercase letter, or when the stem is a
   * numeric-only prefix followed by a word starting with a digit; the period of the line's last word is always
   * split. Like Perl's {@code split}, an empty word between two spaces counts as the next word.
   */
  private StringBuilder joinWordsSplittingPeriods(StringBuilder text) {
    int n = text.length();
    int lastNonSpace = n - 1;
    while (lastNonSpace >= 0 && text.charAt(lastNonSpace) == ' ') {
      lastNonSpace--;
    }
    StringBuilder out = new StringBuilder(n + 16);
    int start = 0;
    while (start <= lastNonSpace) {
      if (text.charAt(start) == ' ') {
        start++;
        continue;
      }
      int end = start + 1;
      while (end < n && text.charAt(end) != ' ') {
        end++;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      if (endsWithSentencePeriod(text, start, end, lastNonSpace)) {
        out.append(text, start, end - 1).append(" .");
      } else {
        out.append(text, start, end);
      }
      start = end;
    }
    return out;
  }

  private boolean endsWithSentencePeriod(StringBuilder text, int start, int end, int lastNonSpace) {
    if (end - start < 2 || text.charAt(end - 1) != '.' || text.charAt(end - 2) == '.') {
      // Not a word ending in a period, or a run of periods, which Moses hides from this rule.
      return false;
    }
    if (end - 1 == lastNonSpace) {
      return true;
    }
    if (hasPeriodAndLetter(text, start, end - 1)) {
      return false;
    }
    String stem = text.substring(start, end - 1);
    if (prefixes.isPlain(stem)) {
      return false;
    }
    char nextFirst = text.charAt(end + 1);
    if (nextFirst != ' ' && PerlCharClasses.isLower(Character.codePointAt(text, end + 1))) {
      return false;
    }
    return !(prefixes.isNumericOnly(stem) && nextFirst >= '0' && nextFirst <= '9');
  }

  private static boolean hasPeriodAndLetter(CharSequence text, int start, int end) {
    boolean period = false;
    boolean letter = false;
    int i = start;
    while (i < end) {
      int cp = Character.codePointAt(text, i);
      period |= cp == '.';
      letter = letter || PerlCharClasses.isAlpha(cp);
      i += Character.charCount(cp);
    }
    return period && letter;
  }

  /**
   * Splits a line-final {@code .'} into {@code " . ' "} (Moses's fix for a quote after the last period, trailing
   * space included) and escapes reserved characters when asked to.
   */
  private String finish(StringBuilder text) {
    int n = text.length();
    boolean periodQuoteAtEnd = n >= 2 && text.charAt(n - 2) == '.' && text.charAt(n - 1) == '\'';
    if (periodQuoteAtEnd) {
      text.setLength(n - 2);
      text.append(" . ' ");
      n = text.length();
    }
    if (!escape || !needsEscaping(text)) {
      return text.toString();
    }
    StringBuilder out = new StringBuilder(n + 32);
    MosesEscaping.appendEscaped(out, text, 0, n);
    return out.toString();
  }

  private static boolean needsEscaping(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (MosesEscaping.isEscaped(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(CharSequence text, char c) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }
}
