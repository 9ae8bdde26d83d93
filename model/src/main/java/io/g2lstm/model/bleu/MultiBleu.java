package io.g2lstm.model.bleu;

import io.g2lstm.common.DataException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * BLEU as Moses's {@code multi-bleu.perl} computes it, for comparison with papers that report it: no tokenization
 * (words are what lies between ASCII whitespace), optional ASCII-only lowercasing ({@code -lc}), no smoothing. The
 * script reads bytes, so only ASCII counts as whitespace or has a case; this class applies the same rules to
 * characters, which gives the script's result for valid UTF-8 decoded as UTF-8 and for any bytes decoded as
 * ISO-8859-1. An accumulator, like {@link BleuStatistics}: statistics of parts of a corpus merge into those of the
 * whole.
 */
public final class MultiBleu implements Serializable {

  private static final long serialVersionUID = 1L;

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

  /** Adds the statistics of another part of the corpus, counted with the same lowercasing; returns this. */
  public MultiBleu merge(MultiBleu other) {
    if (lowercase != other.lowercase) {
      throw new IllegalArgumentException("expected statistics with lowercase = " + lowercase + ", found "
          + other.lowercase);
    }
    for (int n = 0; n < NgramMatches.MAX_ORDER; n++) {
      matches[n] += other.matches[n];
      totals[n] += other.totals[n];
    }
    hypothesisLength += other.hypothesisLength;
    referenceLength += other.referenceLength;
    return this;
  }

  /**
   * The score as the script computes it (precisions in percent, unsmoothed); all zero when the references have no
   * words, where the script prints {@code BLEU = 0, 0/0/0/0}, and when the hypotheses have none, where it dies
   * (a model compressed until it writes nothing scores 0 rather than stopping an evaluation).
   */
  public BleuScore score() {
    double[] fractions = precisionFractions();
    double[] percentages = new double[fractions.length];
    for (int n = 0; n < fractions.length; n++) {
      percentages[n] = 100 * fractions[n];
    }
    if (referenceLength == 0 || hypothesisLength == 0) {
      return BleuScore.of(0, percentages, 0, 0, hypothesisLength, referenceLength, matches, totals);
    }
    double brevityPenalty = brevityPenalty();
    return BleuScore.of(100 * bleu(fractions, brevityPenalty), percentages, brevityPenalty,
        (double) hypothesisLength / referenceLength, hypothesisLength, referenceLength, matches, totals);
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
    double[] precisions = precisionFractions();
    double brevityPenalty = brevityPenalty();
    List<String> precisionTexts = new ArrayList<>();
    for (double precision : precisions) {
      precisionTexts.add(FixedDecimal.format(100 * precision, 1));
    }
    return "BLEU = " + FixedDecimal.format(100 * bleu(precisions, brevityPenalty), 2) + ", "
        + String.join("/", precisionTexts) + " (BP=" + FixedDecimal.format(brevityPenalty, 3) + ", ratio="
        + FixedDecimal.format((double) hypothesisLength / referenceLength, 3) + ", hyp_len=" + hypothesisLength
        + ", ref_len=" + referenceLength + ")";
  }

  private double[] precisionFractions() {
    double[] precisions = new double[NgramMatches.MAX_ORDER];
    for (int n = 0; n < NgramMatches.MAX_ORDER; n++) {
      precisions[n] = totals[n] > 0 ? (double) matches[n] / totals[n] : 0;
    }
    return precisions;
  }

  private double brevityPenalty() {
    if (hypothesisLength >= referenceLength) {
      return 1;
    }
    if (hypothesisLength == 0) {
      throw new DataException("multi-bleu.perl: expected at least one hypothesis word, found none with "
          + referenceLength + " reference words (the script dies dividing by zero)");
    }
    return Math.exp(1 - (double) referenceLength / hypothesisLength);
  }

  private static double bleu(double[] precisions, double brevityPenalty) {
    return brevityPenalty * Math.exp((BleuScore.log(precisions[0]) + BleuScore.log(precisions[1])
        + BleuScore.log(precisions[2]) + BleuScore.log(precisions[3])) / 4);
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
