package io.g2lstm.model.bleu;

import io.g2lstm.common.DataException;
import java.util.ArrayList;
import java.util.List;

/**
 * BLEU as Moses's {@code multi-bleu.perl} computes it, for comparison with papers that report it: no tokenization
 * (words are what lies between ASCII whitespace), optional ASCII-only lowercasing ({@code -lc}), no smoothing. The
 * script reads bytes, so only ASCII counts as whitespace or has a case; this class applies the same rules to
 * characters, which gives the script's result for valid UTF-8 decoded as UTF-8 and for any bytes decoded as
 * ISO-8859-1. An accumulator, like {@link BleuStatistics}.
 */
public final class MultiBleu {

  // The script starts its search for the closest reference length from this length and difference.
  private static final int CLOSEST_LENGTH_START = 9999;

  private final boolean lowercase;
  private final long[] matches = new long[NgramMatches.MAX_ORDER];
  private final long[] totals = new long[NgramMatches.MAX_ORDER];
  private long hypothesisLength;
  private long referenceLength;

  /** Empty statistics; {@code lowercase} is the script's {@code -lc}. */
  public MultiBleu(boolean lowercase) {
    this.lowercase = lowercase;
  }

  /** Adds one segment: a hypothesis line and its reference lines (without their line ends). */
  public MultiBleu add(String hypothesis, List<String> references) {
    List<String> hypothesisWords = words(hypothesis);
    List<List<String>> referenceWords = new ArrayList<>(references.size());
    for (String reference : references) {
      referenceWords.add(words(reference));
    }
    NgramMatches.add(hypothesisWords, referenceWords, matches, totals);
    hypothesisLength += hypothesisWords.size();
    referenceLength += NgramMatches.closestLength(hypothesisWords.size(), referenceWords, CLOSEST_LENGTH_START);
    return this;
  }

  /**
   * The line the script prints, e.g.
   * {@code BLEU = 22.51, 55.2/28.1/16.4/10.0 (BP=1.000, ratio=1.013, hyp_len=3012, ref_len=2973)}.
   *
   * @throws DataException where the script dies dividing by zero: references with words but no hypothesis words
   */
  public String line() {
    if (referenceLength == 0) {
      return "BLEU = 0, 0/0/0/0 (BP=0, ratio=0, hyp_len=0, ref_len=0)";
    }
    double[] precisions = new double[NgramMatches.MAX_ORDER];
    for (int n = 0; n < NgramMatches.MAX_ORDER; n++) {
      precisions[n] = totals[n] > 0 ? (double) matches[n] / totals[n] : 0;
    }
    double brevityPenalty = 1;
    if (hypothesisLength < referenceLength) {
      if (hypothesisLength == 0) {
        throw new DataException("multi-bleu.perl: expected at least one hypothesis word, found none with "
            + referenceLength + " reference words (the script dies dividing by zero)");
      }
      brevityPenalty = Math.exp(1 - (double) referenceLength / hypothesisLength);
    }
    double bleu = brevityPenalty * Math.exp((BleuScore.log(precisions[0]) + BleuScore.log(precisions[1])
        + BleuScore.log(precisions[2]) + BleuScore.log(precisions[3])) / 4);
    List<String> precisionTexts = new ArrayList<>();
    for (double precision : precisions) {
      precisionTexts.add(FixedDecimal.format(100 * precision, 1));
    }
    return "BLEU = " + FixedDecimal.format(100 * bleu, 2) + ", " + String.join("/", precisionTexts) + " (BP="
        + FixedDecimal.format(brevityPenalty, 3) + ", ratio="
        + FixedDecimal.format((double) hypothesisLength / referenceLength, 3) + ", hyp_len=" + hypothesisLength
        + ", ref_len=" + referenceLength + ")";
  }

  // Perl's split(' ') and lc on a byte string: ASCII whitespace and ASCII letters only.
  private List<String> words(String line) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= line.length(); i++) {
      boolean boundary = i == line.length() || isAsciiSpace(line.charAt(i));
      if (boundary && start >= 0) {
        String word = line.substring(start, i);
        words.add(lowercase ? lowerAscii(word) : word);
        start = -1;
      } else if (!boundary && start < 0) {
        start = i;
      }
    }
    return words;
  }

  private static boolean isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static String lowerAscii(String word) {
    char[] chars = word.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
