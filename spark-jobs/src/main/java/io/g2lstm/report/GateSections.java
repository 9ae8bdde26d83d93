package io.g2lstm.report;

import io.g2lstm.common.DataException;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.report.Block.Figure;
import io.g2lstm.report.Block.Missing;
import io.g2lstm.report.Block.Paragraph;
import io.g2lstm.report.SvgCharts.Bar;
import io.g2lstm.report.SvgCharts.HeatmapBlock;
import io.g2lstm.report.SvgCharts.HeatmapRow;
import io.g2lstm.report.SvgCharts.HistogramPanel;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.GateTokenMeanRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The two sections about gate values: their histograms (the paper's Figures 1 and 3), one figure per layer and gate
 * with the models side by side; and their mean per token of selected sentences (its Figure 4), one figure per
 * sentence with a heatmap per model and layer.
 */
final class GateSections {

  static final String HISTOGRAMS_ID = "gate-histograms";
  static final String TOKENS_ID = "token-gates";

  private static final List<String> GATES = List.of(GateHistogramRow.INPUT, GateHistogramRow.FORGET);

  private record LayerGate(String layer, String gate) implements Comparable<LayerGate> {

    private static final Comparator<LayerGate> ORDER = Comparator.comparing(LayerGate::layer)
        .thenComparingInt(key -> GATES.indexOf(key.gate()));

    @Override
    public int compareTo(LayerGate other) {
      return ORDER.compare(this, other);
    }
  }

  private record ModelLayer(ModelId model, String layer) implements Comparable<ModelLayer> {

    private static final Comparator<ModelLayer> ORDER = Comparator.comparing(ModelLayer::model)
        .thenComparing(ModelLayer::layer);

    @Override
    public int compareTo(ModelLayer other) {
      return ORDER.compare(this, other);
    }
  }

  private GateSections() {}

  static Section histograms(List<GateHistogramRow> rows, Models models) {
    String title = "Gate value histograms";
    if (rows.isEmpty()) {
      return new Section(HISTOGRAMS_ID, title, List.of(new Missing("gate histograms", "gates")));
    }
    SortedMap<LayerGate, SortedMap<ModelId, SortedMap<Integer, GateHistogramRow>>> figures = new TreeMap<>();
    for (GateHistogramRow row : rows) {
      ModelId model = models.of(row.model(), "gate histogram row");
      SortedMap<Integer, GateHistogramRow> bins = figures.computeIfAbsent(new LayerGate(row.layer(), row.gate()),
          key -> new TreeMap<>()).computeIfAbsent(model, key -> new TreeMap<>());
      String origin = "gate histogram rows of model run '" + row.model().modelRun() + "', layer '" + row.layer() + "', "
          + row.gate() + " gate";
      if (bins.putIfAbsent(row.bin(), row) != null) {
        throw DataException.in(origin, "one row per bin", "two for bin " + row.bin());
      }
      GateHistogramRow first = bins.get(bins.firstKey());
      if (first.shareBelow01() != row.shareBelow01() || first.shareAbove09() != row.shareAbove09()) {
        throw DataException.in(origin, "the same shares below 0.1 and above 0.9 on every bin (" + first.shareBelow01()
            + ", " + first.shareAbove09() + " on bin " + first.bin() + ")", row.shareBelow01() + ", "
            + row.shareAbove09() + " on bin " + row.bin());
      }
    }
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph("How the values of each gate are distributed over [0, 1], as in the paper's Figures 1 "
        + "and 3: the share of the gate's values per bin, one panel per model on a common scale. The shaded ends "
        + "are the values below 0.1 and above 0.9, whose shares are printed above each panel; the more values "
        + "lie there, the closer the gates are to binary."));
    Set<String> fileNames = new HashSet<>();
    for (Map.Entry<LayerGate, SortedMap<ModelId, SortedMap<Integer, GateHistogramRow>>> figure
        : figures.entrySet()) {
      List<HistogramPanel> panels = new ArrayList<>();
      for (Map.Entry<ModelId, SortedMap<Integer, GateHistogramRow>> panel : figure.getValue().entrySet()) {
        panels.add(histogramPanel(panel.getKey(), panel.getValue().values()));
      }
      String gate = figure.getKey().gate();
      String layer = figure.getKey().layer();
      String chartTitle = Character.toUpperCase(gate.charAt(0)) + gate.substring(1) + " gates · layer " + layer;
      String fileName = unique("gate-histogram-" + slug(layer) + "-" + gate, fileNames) + ".svg";
      blocks.add(new Figure(fileName, "Values of the " + gate + " gates of layer " + layer + ", per model.",
          SvgCharts.histograms(chartTitle, panels)));
    }
    return new Section(HISTOGRAMS_ID, title, blocks);
  }

  private static HistogramPanel histogramPanel(ModelId model, Iterable<GateHistogramRow> bins) {
    long total = 0;
    GateHistogramRow any = null;
    for (GateHistogramRow bin : bins) {
      total += bin.count();
      any = bin;
    }
    List<Bar> bars = new ArrayList<>();
    for (GateHistogramRow bin : bins) {
      bars.add(new Bar(bin.lower(), bin.upper(), total == 0 ? 0 : (double) bin.count() / total));
    }
    return new HistogramPanel(model.describe(), model.run(), colour(model.mode()), bars, any.shareBelow01(),
        any.shareAbove09());
  }

  static Section tokens(List<GateTokenMeanRow> rows, Models models) {
    String title = "Gate values per token";
    if (rows.isEmpty()) {
      return new Section(TOKENS_ID, title, List.of(new Missing("per-token gate values", "gates")));
    }
    SortedMap<Integer, SortedMap<ModelLayer, SortedMap<Integer, GateTokenMeanRow>>> sentences = new TreeMap<>();
    for (GateTokenMeanRow row : rows) {
      ModelId model = models.of(row.model(), "token gate row");
      SortedMap<Integer, GateTokenMeanRow> tokens = sentences.computeIfAbsent(row.sentence(), key -> new TreeMap<>())
          .computeIfAbsent(new ModelLayer(model, row.layer()), key -> new TreeMap<>());
      if (tokens.putIfAbsent(row.position(), row) != null) {
        throw DataException.in("token gate rows of model run '" + row.model().modelRun() + "', layer '" + row.layer()
            + "', sentence " + row.sentence(), "one row per position", "two for position " + row.position());
      }
    }
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph("The input and forget gates of each layer at every token of a few training sentences "
        + "(source tokens for encoder layers; for decoder layers the target token each step predicts), "
        + "averaged over the layer's hidden units, as in the paper's Figure 4."));
    for (Map.Entry<Integer, SortedMap<ModelLayer, SortedMap<Integer, GateTokenMeanRow>>> sentence
        : sentences.entrySet()) {
      List<HeatmapBlock> heatmaps = new ArrayList<>();
      for (Map.Entry<ModelLayer, SortedMap<Integer, GateTokenMeanRow>> entry : sentence.getValue().entrySet()) {
        List<String> tokens = new ArrayList<>();
        List<Double> input = new ArrayList<>();
        List<Double> forget = new ArrayList<>();
        for (GateTokenMeanRow row : entry.getValue().values()) {
          tokens.add(row.token());
          input.add(row.inputMean());
          forget.add(row.forgetMean());
        }
        ModelId model = entry.getKey().model();
        heatmaps.add(new HeatmapBlock(model.describe() + " · layer " + entry.getKey().layer(), model.run(), tokens,
            List.of(new HeatmapRow("input", input), new HeatmapRow("forget", forget))));
      }
      int number = sentence.getKey();
      blocks.add(new Figure("token-gates-sentence-" + number + ".svg", "Mean input and forget gate values at each "
          + "token of sentence " + number + ".",
          SvgCharts.heatmap("Sentence " + number + ": mean gate value per token", heatmaps)));
    }
    return new Section(TOKENS_ID, title, blocks);
  }

  /** The colour of a model's bars, the same in every figure. */
  private static String colour(GateMode mode) {
    return switch (mode) {
      case BASELINE -> "#4c78a8";
      case SHARPENED -> "#e4892e";
      case G2 -> "#3f9a5a";
    };
  }

  /** A layer name as part of a file name: lower-case letters, digits and single hyphens. */
  private static String slug(String name) {
    StringBuilder slug = new StringBuilder();
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        slug.append(c);
      } else if (!slug.isEmpty() && slug.charAt(slug.length() - 1) != '-') {
        slug.append('-');
      }
    }
    if (!slug.isEmpty() && slug.charAt(slug.length() - 1) == '-') {
      slug.setLength(slug.length() - 1);
    }
    return slug.isEmpty() ? "layer" : slug.toString();
  }

  /** {@code stem}, or {@code stem-2}, {@code stem-3}, ... if two layers' names make the same one. */
  private static String unique(String stem, Set<String> taken) {
    String name = stem;
    for (int n = 2; !taken.add(name); n++) {
      name = stem + "-" + n;
    }
    return name;
  }
}
