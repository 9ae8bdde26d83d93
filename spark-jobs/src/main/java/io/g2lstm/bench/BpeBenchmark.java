package io.g2lstm.bench;

import io.g2lstm.prep.bpe.BpeApplier;
import io.g2lstm.prep.bpe.BpeCodes;
import io.g2lstm.prep.bpe.BpeLearner;
import java.io.StringReader;
import java.util.List;

/**
 * Times BPE learning and application on a given text. Learning is timed from the text (word counting included) to
 * the codes; application is one pass over the same lines with a fresh {@link BpeApplier}, so its word cache starts
 * empty. Prints nothing.
 */
public final class BpeBenchmark {

  /**
   * Medians over the measured rounds.
   *
   * @param learnSeconds time to count words and learn the codes
   * @param applyLinesPerSecond lines segmented per second by one thread
   * @param merges merges learned
   */
  public record Result(double learnSeconds, double applyLinesPerSecond, int merges) {}

  private BpeBenchmark() {}

  /**
   * @param lines the text, one line per element
   * @param numSymbols merges to learn ({@code -s})
   */
  public static Result run(List<String> lines, int numSymbols, int warmup, int rounds) {
    BpeLearner learner = new BpeLearner(numSymbols);
    String text = String.join("\n", lines) + "\n";
    BpeCodes[] codes = new BpeCodes[1];
    Measurement.Summary summary = Measurement.run(warmup, rounds, figures -> {
      figures.time("learn", () -> codes[0] = learner.learn(new StringReader(text)));
      BpeApplier applier = BpeApplier.of(codes[0]);
      double apply = Measurement.seconds(() -> {
        for (String line : lines) {
          applier.apply(line);
        }
      });
      figures.put("apply lines/s", lines.size() / apply);
    });
    return new Result(summary.median("learn"), summary.median("apply lines/s"), codes[0].size());
  }
}
