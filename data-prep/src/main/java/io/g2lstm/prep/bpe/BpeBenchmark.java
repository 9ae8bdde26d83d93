package io.g2lstm.prep.bpe;

import io.g2lstm.common.Medians;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times BPE learning and application on a given text, for the project's {@code bench} command. Learning is
 * timed from the lines (word counting included) to the codes; application is one pass over the same lines
 * with a fresh {@link BpeApplier}, so its word cache starts empty. Prints nothing.
 */
public final class BpeBenchmark {

  /**
   * Medians over the measured rounds.
   *
   * @param learnMillis time to count words and learn the codes
   * @param applyLinesPerSecond lines segmented per second by one thread
   * @param merges merges learned
   * @param segmentedChars characters of segmented output in one pass (a check that the work was done)
   */
  public record Result(double learnMillis, double applyLinesPerSecond, int merges, long segmentedChars) {}

  private BpeBenchmark() {}

  /**
   * Runs {@code warmupRounds} untimed rounds to let the JIT compile, then {@code measuredRounds} timed ones.
   *
   * @param lines the text, one line per element
   * @param numSymbols merges to learn ({@code -s})
   */
  public static Result run(List<String> lines, int numSymbols, int warmupRounds, int measuredRounds) {
    if (measuredRounds < 1) {
      throw new IllegalArgumentException("measuredRounds must be at least 1, found " + measuredRounds);
    }
    BpeLearner learner = new BpeLearner(numSymbols);
    double[] learnMillis = new double[measuredRounds];
    double[] linesPerSecond = new double[measuredRounds];
    BpeCodes codes = null;
    long segmentedChars = 0;
    for (int round = -warmupRounds; round < measuredRounds; round++) {
      long learnStart = System.nanoTime();
      codes = learner.learn(countWords(lines));
      long learnEnd = System.nanoTime();

      BpeApplier applier = BpeApplier.of(codes);
      long chars = 0;
      long applyStart = System.nanoTime();
      for (String line : lines) {
        chars += applier.apply(line).length();
      }
      long applyEnd = System.nanoTime();
      segmentedChars = chars;
      if (round >= 0) {
        learnMillis[round] = (learnEnd - learnStart) / 1e6;
        linesPerSecond[round] = lines.size() / ((applyEnd - applyStart) / 1e9);
      }
    }
    return new Result(Medians.of(learnMillis), Medians.of(linesPerSecond), codes.size(), segmentedChars);
  }

  private static Map<String, Long> countWords(List<String> lines) {
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines) {
      PythonText.forEachWord(line, word -> counts.merge(word, 1L, Long::sum));
    }
    return counts;
  }
}
