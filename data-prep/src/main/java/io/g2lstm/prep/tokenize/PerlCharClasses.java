package io.g2lstm.prep.tokenize;

/**
 * The Perl character classes that Moses's scripts use, as Perl applies them to Unicode strings, expressed through
 * {@link Character} so that the tokenizer needs no regular expressions. Java's own {@code \s}, {@code \w} and POSIX
 * classes are ASCII-only by default and differ from Perl's (no-break space, for one), hence these definitions.
 * Every method takes a code point.
 */
final class PerlCharClasses {

  private PerlCharClasses() {}

  /** Perl {@code \s}: the Unicode White_Space property (includes the no-break space U+00A0). */
  static boolean isSpace(int cp) {
    if (cp < 0x80) {
      return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    }
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
  }

  /** Perl {@code \p{IsAlpha}}: the Unicode Alphabetic property. */
  static boolean isAlpha(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }
    return Character.isAlphabetic(cp);
  }

  /** Perl {@code \p{IsAlnum}}: Alphabetic or a decimal digit (general category Nd). */
  static boolean isAlnum(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    return Character.isAlphabetic(cp) || Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
  }

  /** Perl {@code \p{IsN}}: any number, general categories Nd, Nl and No (so also ² and ½). */
  static boolean isNumber(int cp) {
    if (cp < 0x80) {
      return cp >= '0' && cp <= '9';
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** Perl {@code \p{IsLower}}: the Unicode Lowercase property (Ll and Other_Lowercase). */
  static boolean isLower(int cp) {
    if (cp < 0x80) {
      return cp >= 'a' && cp <= 'z';
    }
    return Character.isLowerCase(cp);
  }

  /** Perl {@code \p{IsSc}}: a currency symbol. */
  static boolean isCurrency(int cp) {
    if (cp < 0x80) {
      return cp == '$';
    }
    return Character.getType(cp) == Character.CURRENCY_SYMBOL;
  }

  /** The detokenizer's notion of a Chinese, Japanese or Korean character: the blocks Moses lists. */
  static boolean isCjk(int cp) {
    return (cp >= 0x1100 && cp <= 0x11FF)
        || (cp >= 0x2E80 && cp <= 0xA4CF)
        || (cp >= 0xA840 && cp <= 0xA87F)
        || (cp >= 0xAC00 && cp <= 0xD7AF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF65 && cp <= 0xFFDC)
        || (cp >= 0x20000 && cp <= 0x2FFFF);
  }

  /** Whether the text is empty or only Perl whitespace: such lines pass through both Moses scripts unchanged. */
  static boolean isBlank(CharSequence text) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = Character.codePointAt(text, i);
      if (!isSpace(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }
}
