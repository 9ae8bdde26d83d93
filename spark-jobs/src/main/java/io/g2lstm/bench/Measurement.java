package io.g2lstm.bench;

import io.g2lstm.common.Medians;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one measuring loop of every benchmark: {@code warmup} untimed rounds (the JIT, buffers, caches), then
 * {@code rounds} measured ones, each recording named figures (seconds it timed, or rates it computed), summarised by
 * their medians.
 */
public final class Measurement {

  /** One round of a benchmark. */
  @FunctionalInterface
  public interface Round {
    void run(Figures figures) throws Exception;
  }

  /** Work to time. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  /** The figures one round recorded, by name. */
  public static final class Figures {

    private final int round;
    private final Map<String, Double> values = new LinkedHashMap<>();

    private Figures(int round) {
      this.round = round;
    }

    /** The round's index: negative for warm-up rounds, then 0, 1, ... */
    public int round() {
      return round;
    }

    /** Runs {@code work} and records its wall time in seconds under {@code name}; returns the seconds. */
    public double time(String name, Work work) throws Exception {
      double seconds = seconds(work);
      put(name, seconds);
      return seconds;
    }

    public void put(String name, double value) {
      values.put(name, value);
    }
  }

  /** What the measured rounds recorded. */
  public record Summary(List<Map<String, Double>> rounds) {

    public Summary {
      rounds = List.copyOf(rounds);
    }

    /** The median of {@code name} over the measured rounds. */
    public double median(String name) {
      double[] values = new double[rounds.size()];
      for (int i = 0; i < values.length; i++) {
        Double value = rounds.get(i).get(name);
        if (value == null) {
          throw new IllegalStateException("round " + i + " recorded no figure '" + name + "', found "
              + rounds.get(i).keySet());
        }
        values[i] = value;
      }
      return Medians.of(values);
    }

    /** The index of the round whose {@code name} is the median (the lower middle one for an even count). */
    public int medianRound(String name) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < rounds.size(); i++) {
        order.add(i);
      }
      order.sort((a, b) -> Double.compare(rounds.get(a).get(name), rounds.get(b).get(name)));
      return order.get((order.size() - 1) / 2);
    }
  }

  private Measurement() {}

  /** Runs {@code warmup} unrecorded rounds, then {@code rounds} recorded ones. */
  public static Summary run(int warmup, int rounds, Round round) {
    if (warmup < 0 || rounds < 1) {
      throw new IllegalArgumentException("expected warm-up rounds >= 0 and measured rounds >= 1, found " + warmup
          + " and " + rounds);
    }
    List<Map<String, Double>> recorded = new ArrayList<>();
    for (int i = -warmup; i < rounds; i++) {
      Figures figures = new Figures(i);
      try {
        round.run(figures);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("benchmark round " + i + " failed: " + e, e);
      }
      if (i >= 0) {
        recorded.add(Map.copyOf(figures.values));
      }
    }
    return new Summary(recorded);
  }

  /** The wall time of {@code work} in seconds. */
  public static double seconds(Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }
}
