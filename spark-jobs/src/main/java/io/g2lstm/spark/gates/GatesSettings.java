package io.g2lstm.spark.gates;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.gates.GateLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of the {@code gates} job, read from the {@code gates} section (documented beside their defaults in
 * the spark-jobs module's {@code g2lstm-reference.conf}).
 *
 * @param layer the G²-LSTM layer whose gates are recorded
 * @param data the prepared data whose training split is fed through the model
 * @param sentences how many training pairs (the first by sequence id)
 * @param bins histogram bins over [0, 1]
 * @param selected positions among those pairs whose per-token gate means are recorded
 * @param batchSize pairs fed through the model together
 * @param slices parts the pairs are cut into, one task each (0: the cluster's default parallelism)
 * @param images where the pictures go: {@code <images>/<run id>/<model run>/}
 */
public record GatesSettings(GateLayer layer, String data, int sentences, int bins, List<Integer> selected,
    int batchSize, int slices, String images, String warehouse) {

  public GatesSettings {
    selected = List.copyOf(selected);
  }

  /** Reads and checks {@code gates} and {@code results.warehouse}. */
  public static GatesSettings from(SettingsReader root) {
    SettingsReader s = root.section("gates");
    int sentences = s.intIn("sentences", 1, Integer.MAX_VALUE);
    List<Integer> selected = new ArrayList<>();
    for (double position : s.doubleList("selected-sentences")) {
      if (position != Math.rint(position) || position < 0 || position >= sentences) {
        throw s.invalid("selected-sentences", "positions among the " + sentences + " recorded pairs (0 to "
            + (sentences - 1) + ")", String.valueOf(position));
      }
      if (selected.contains((int) position)) {
        throw s.invalid("selected-sentences", "each position once", "" + (int) position + " twice");
      }
      selected.add((int) position);
    }
    String layerName = s.nonBlankString("layer");
    GateLayer layer;
    try {
      layer = GateLayer.parse(layerName);
    } catch (ConfigurationException e) {
      throw s.invalid("layer", "decoder-<i>, encoder-<i>, encoder-0-forward or encoder-0-backward",
          "'" + layerName + "'");
    }
    return new GatesSettings(layer, s.nonBlankString("data"), sentences,
        s.intIn("bins", 1, 10_000), selected, s.intIn("batch-size", 1, 100_000), s.intIn("slices", 0, 100_000),
        s.nonBlankString("images"), root.section("results").nonBlankString("warehouse"));
  }
}
