package io.g2lstm.spark.train;

import io.g2lstm.common.SettingsReader;
import java.io.Serializable;
import java.util.Locale;

/**
 * How an averaging round's replicas become the next model, read from {@code train.spark.averaging} and
 * {@code train.spark.block-momentum}; see {@link BlockMomentum} for the update.
 *
 * @param method the plain average, or block momentum on top of it
 * @param momentum the block momentum {@code mu} in [0, 1)
 * @param learningRate the block learning rate {@code zeta}
 * @param nesterov whether each round starts from the look-ahead {@code W + mu Delta}
 * @param warmupRounds rounds of plain averaging before block momentum starts
 */
public record Averaging(Method method, double momentum, double learningRate, boolean nesterov, int warmupRounds)
    implements Serializable {

  /** What happens to a round's average. */
  public enum Method {
    /** The average is the next model (deeplearning4j-spark's parameter averaging). */
    PLAIN,
    /** The average's change is a block gradient, applied with momentum (BMUF). */
    BLOCK_MOMENTUM
  }

  /** The plain average: what block momentum is with {@code mu = 0} and {@code zeta = 1}. */
  public static final Averaging PLAIN = new Averaging(Method.PLAIN, 0, 1, false, 0);

  /**
   * Reads {@code averaging} and {@code block-momentum} of {@code train.spark}; the momentum defaults to
   * {@code 1 - 1/workers} (Chen and Huo's choice).
   */
  static Averaging from(SettingsReader spark, int workers) {
    Method method = spark.choice("averaging", Method.class);
    SettingsReader block = spark.section("block-momentum");
    double momentum = block.doubleIn("momentum", 0, 0.999, 1 - 1.0 / workers);
    double learningRate = block.doubleIn("learning-rate", 0.01, 10);
    boolean nesterov = block.bool("nesterov");
    int warmupRounds = block.intIn("warmup-rounds", 0, 1_000_000);
    return method == Method.PLAIN ? PLAIN : new Averaging(method, momentum, learningRate, nesterov, warmupRounds);
  }

  /** For the run's first line, e.g. "2 workers, block momentum 0.50 (Nesterov), block learning rate 1.00". */
  String describe(int workers) {
    if (workers == 1) {
      return "1 worker";
    }
    if (isPlain()) {
      return workers + " workers, plain averaging";
    }
    return String.format(Locale.ROOT, "%d workers, block momentum %.2f%s, block learning rate %.2f%s", workers,
        momentum, nesterov ? " (Nesterov)" : "", learningRate,
        warmupRounds > 0 ? " after " + warmupRounds + " plain rounds" : "");
  }

  /** Whether a round's average is used as it is. */
  boolean isPlain() {
    return method == Method.PLAIN || (momentum == 0 && learningRate == 1);
  }
}
