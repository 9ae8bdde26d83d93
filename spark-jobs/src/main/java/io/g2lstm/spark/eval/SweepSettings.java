package io.g2lstm.spark.eval;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.compress.GateCompression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settings of the {@code sweep} job, read from the {@code sweep} section (documented beside their defaults in
 * the spark-jobs module's {@code g2lstm-reference.conf}): the compression grid chosen by name, and the prepared data
 * whose validation split perplexity is measured on. Test sets and decoding come from {@code evaluate}.
 *
 * @param grid the grid's name
 * @param methods the compressions of the grid, in the order of the grid
 * @param validationData the prepared-data directory whose validation split is scored
 */
public record SweepSettings(EvaluateSettings evaluate, String grid, List<GateCompression> methods,
    String validationData) {

  private static final Set<String> ROUND_CLIP_KEYS = Set.of("step", "clip");
  private static final Set<String> GRID_KEYS = Set.of("round", "round-clip", "svd-ranks");

  public SweepSettings {
    methods = List.copyOf(methods);
  }

  /** Reads and checks {@code sweep} (every grid under {@code sweep.grids}), {@code evaluate} and {@code results}. */
  public static SweepSettings from(SettingsReader root) {
    EvaluateSettings evaluate = EvaluateSettings.from(root);
    SettingsReader s = root.section("sweep");
    SettingsReader grids = s.section("grids");
    Map<String, List<GateCompression>> all = new TreeMap<>();
    for (String name : s.keysOf("grids")) {
      for (String key : grids.keysOf(name)) {
        if (!GRID_KEYS.contains(key)) {
          throw grids.section(name).invalid(key, "one of " + new TreeSet<>(GRID_KEYS) + " in a grid",
              "an unknown key");
        }
      }
      all.put(name, grid(grids.section(name)));
    }
    String grid = s.nonBlankString("grid");
    if (!all.containsKey(grid)) {
      throw s.invalid("grid", "one of the grids under sweep.grids " + all.keySet(), "'" + grid + "'");
    }
    return new SweepSettings(evaluate, grid, all.get(grid), s.nonBlankString("validation-data"));
  }

  /** A grid's compressions; each of its keys may be left out (no setting of that method). */
  private static List<GateCompression> grid(SettingsReader grid) {
    List<GateCompression> methods = new ArrayList<>();
    for (double step : grid.has("round") ? grid.doubleList("round") : List.<Double>of()) {
      if (!(step > 0 && step < Double.POSITIVE_INFINITY)) {
        throw grid.invalid("round", "positive steps", String.valueOf(step));
      }
      methods.add(new GateCompression.Round(step));
    }
    for (SettingsReader roundClip : grid.has("round-clip") ? grid.sectionList("round-clip", ROUND_CLIP_KEYS)
        : List.<SettingsReader>of()) {
      methods.add(new GateCompression.RoundClip(roundClip.doubleIn("step", Double.MIN_VALUE, Double.MAX_VALUE),
          roundClip.doubleIn("clip", Double.MIN_VALUE, Double.MAX_VALUE)));
    }
    for (double rank : grid.has("svd-ranks") ? grid.doubleList("svd-ranks") : List.<Double>of()) {
      if (rank != Math.rint(rank) || rank < 1 || rank > Integer.MAX_VALUE) {
        throw grid.invalid("svd-ranks", "whole ranks of at least 1", String.valueOf(rank));
      }
      methods.add(new GateCompression.LowRank((int) rank));
    }
    if (methods.isEmpty()) {
      throw grid.invalid("svd-ranks", "at least one compression in the grid (round, round-clip or svd-ranks)",
          "none");
    }
    return methods;
  }
}
