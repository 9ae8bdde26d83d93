package io.g2lstm.prep.bpe;

import io.g2lstm.common.DataException;
import io.g2lstm.common.PythonStrings;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns BPE merge operations with output byte-identical to subword-nmt's {@code learn_bpe} (codes format
 * 0.2): the same {@code </w>} handling, tie-breaking by code-point order and pruning heuristics. The result
 * depends only on the word counts, never on the order a map yields them, so counts may come from a Spark
 * {@code reduceByKey}. Immutable and thread-safe.
 */
public final class BpeLearner {

  /** subword-nmt's default {@code --min-frequency}. */
  public static final long DEFAULT_MIN_FREQUENCY = 2;

  private final int numSymbols;
  private final long minFrequency;
  private final boolean totalSymbols;

  /** A learner that creates up to {@code numSymbols} merges ({@code -s}), with the default minimum frequency. */
  public BpeLearner(int numSymbols) {
    this(numSymbols, DEFAULT_MIN_FREQUENCY, false);
  }

  private BpeLearner(int numSymbols, long minFrequency, boolean totalSymbols) {
    this.numSymbols = numSymbols;
    this.minFrequency = minFrequency;
    this.totalSymbols = totalSymbols;
  }

  /** Stop once no pair occurs at least this often ({@code --min-frequency}). */
  public BpeLearner withMinFrequency(long frequency) {
    return new BpeLearner(numSymbols, frequency, totalSymbols);
  }

  /**
   * Whether to subtract the number of distinct characters from the number of merges ({@code --total-symbols}),
   * so that {@code numSymbols} estimates the size of the whole symbol inventory.
   */
  public BpeLearner withTotalSymbols(boolean enabled) {
    return new BpeLearner(numSymbols, minFrequency, enabled);
  }

  public int numSymbols() {
    return numSymbols;
  }

  public long minFrequency() {
    return minFrequency;
  }

  public boolean totalSymbols() {
    return totalSymbols;
  }

  /**
   * Learns merges from word counts.
   *
   * @param wordCounts each word (non-empty, without spaces or line breaks) with its positive count
   * @throws DataException if a word or count is not of that form
   */
  public BpeCodes learn(Map<String, Long> wordCounts) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(wordCounts.entrySet());
    for (Map.Entry<String, Long> entry : entries) {
      String word = entry.getKey();
      Long count = entry.getValue();
      if (word == null || word.isEmpty() || word.indexOf(' ') >= 0 || word.indexOf('\n') >= 0
          || word.indexOf('\r') >= 0) {
        throw DataException.in("word counts", "words without spaces or line breaks", "'" + word + "'");
      }
      if (count == null || count < 1) {
        throw DataException.in("word counts", "a positive count for '" + word + "'", count);
      }
    }
    // A fixed order makes every step reproducible, whatever order the map had.
    entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry::getKey, PythonStrings::compareCodePoints));
    String[] words = new String[entries.size()];
    long[] counts = new long[entries.size()];
    for (int i = 0; i < words.length; i++) {
      words[i] = entries.get(i).getKey();
      counts[i] = entries.get(i).getValue();
    }
    MergeLearning learning = new MergeLearning(words, counts);
    int merges = totalSymbols ? numSymbols - learning.characterSymbolCount() : numSymbols;
    return new BpeCodes(learning.learn(merges, minFrequency));
  }

  /** Learns merges from text, counting words as {@link #countWords(Reader)} does. */
  public BpeCodes learn(Reader text) throws IOException {
    return learn(countWords(text));
  }

  /**
   * Counts words as subword-nmt's {@code get_vocabulary} does: lines end where Python's
   * {@code str.splitlines} ends them, and each line's words are {@link #wordsOf(String)}.
   */
  public static Map<String, Long> countWords(Reader text) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    PythonLineReader lines = new PythonLineReader(text, PythonLineReader.Mode.CODECS);
    String line;
    while ((line = lines.readLine()) != null) {
      PythonText.forEachWord(line, word -> counts.merge(word, 1L, Long::sum));
    }
    return counts;
  }

  /**
   * The words of one line: {@code line.strip('\r\n ').split(' ')} without empty strings. Only the space
   * separates words; tabs and other whitespace stay inside them, as in subword-nmt.
   */
  public static List<String> wordsOf(String line) {
    List<String> words = new ArrayList<>();
    PythonText.forEachWord(line, words::add);
    return words;
  }
}
