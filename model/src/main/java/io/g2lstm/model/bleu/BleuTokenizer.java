package io.g2lstm.model.bleu;

import io.g2lstm.common.PythonStrings;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tokenizers of sacreBLEU 2.6.0 that BLEU applies to each segment before counting n-grams, with sacreBLEU's
 * regular expressions. Each returns its tokens joined by single spaces, except {@link #NONE}, which returns the line
 * as it is and leaves the splitting on whitespace to the n-gram counting.
 */
public enum BleuTokenizer {

  /** mteval-v13a.pl's tokenization, sacreBLEU's default: unescapes four entities, splits off punctuation. */
  V13A("13a") {
    @Override
    public String tokenize(String line) {
      String text = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
      if (text.indexOf('&') >= 0) {
        text = text.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
      }
      // The padding lets the period and comma rules see a non-digit at both ends of the line.
      text = " " + text + " ";
      text = SYMBOL.matcher(text).replaceAll(" $1 ");
      text = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(text).replaceAll("$1 $2 ");
      text = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(text).replaceAll(" $1 $2");
      text = DASH_AFTER_DIGIT.matcher(text).replaceAll("$1 $2 ");
      return String.join(" ", PythonStrings.split(text));
    }
  },

  /** mteval-v14.pl's international tokenization: splits off Unicode punctuation and symbols. */
  INTL("intl") {
    @Override
    public String tokenize(String line) {
      String text = PUNCTUATION_AFTER_NON_NUMBER.matcher(line).replaceAll("$1 $2 ");
      text = PUNCTUATION_BEFORE_NON_NUMBER.matcher(text).replaceAll(" $1 $2");
      text = UNICODE_SYMBOL.matcher(text).replaceAll(" $1 ");
      return String.join(" ", PythonStrings.split(text));
    }
  },

  /** No tokenization: words are what lies between whitespace. */
  NONE("none") {
    @Override
    public String tokenize(String line) {
      return line;
    }
  };

  // 13a: the ASCII punctuation and symbols other than the apostrophe, comma, hyphen and period (and the space,
  // which the class of mteval's expression covers too and which does no harm).
  private static final Pattern SYMBOL = Pattern.compile("([{-~\\[-`\\x20-&(-+:-@/])");
  private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
  private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
  private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

  // intl: Unicode general categories N (number), P (punctuation) and S (symbol), as Python's regex module has them.
  private static final Pattern PUNCTUATION_AFTER_NON_NUMBER = Pattern.compile("(\\P{N})(\\p{P})");
  private static final Pattern PUNCTUATION_BEFORE_NON_NUMBER = Pattern.compile("(\\p{P})(\\P{N})");
  private static final Pattern UNICODE_SYMBOL = Pattern.compile("(\\p{S})");

  private final String signature;

  BleuTokenizer(String signature) {
    this.signature = signature;
  }

  /** The tokenized line. */
  public abstract String tokenize(String line);

  /** The name sacreBLEU gives this tokenizer on its command line and in its signature ({@code tok:13a}). */
  public String signature() {
    return signature;
  }

  /** The tokenizer of that name, if there is one. */
  public static Optional<BleuTokenizer> named(String name) {
    for (BleuTokenizer tokenizer : values()) {
      if (tokenizer.signature.equals(name)) {
        return Optional.of(tokenizer);
      }
    }
    return Optional.empty();
  }
}
