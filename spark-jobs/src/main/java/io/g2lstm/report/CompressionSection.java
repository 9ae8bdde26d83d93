package io.g2lstm.report;

import io.g2lstm.common.DataException;
import io.g2lstm.report.Block.Cell;
import io.g2lstm.report.Block.Column;
import io.g2lstm.report.Block.Missing;
import io.g2lstm.report.Block.Paragraph;
import io.g2lstm.report.Block.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The compression section, in the shape of the paper's Tables 4 and 5: one row per model and test set, one column
 * per compression setting present, each cell the BLEU of the compressed model and its change from the original; then
 * the validation perplexity and compression ratio of every compressed model.
 */
final class CompressionSection {

  static final String ID = "compression";

  private static final List<String> METHODS =
      List.of(CompressionRow.NONE, CompressionRow.ROUND, CompressionRow.ROUND_CLIP, CompressionRow.SVD);

  /** One column: a method with its parameters. */
  private record Setting(String method, OptionalDouble step, OptionalDouble clip, OptionalInt rank)
      implements Comparable<Setting> {

    // Original first, then rounding by step and clip, then SVD from the mildest (highest) rank down.
    private static final Comparator<Setting> ORDER = Comparator.comparingInt((Setting s) -> METHODS.indexOf(s.method))
        .thenComparingDouble(s -> s.step.orElse(0)).thenComparingDouble(s -> s.clip.orElse(0))
        .thenComparingInt(s -> -s.rank.orElse(0));

    static Setting of(CompressionRow row) {
      return new Setting(row.method(), row.step(), row.clip(), row.rank());
    }

    String label() {
      return switch (method) {
        case CompressionRow.ROUND -> "Round (" + Numbers.setting(step.getAsDouble()) + ")";
        case CompressionRow.ROUND_CLIP -> "Round & clip (" + Numbers.setting(step.getAsDouble()) + ", "
            + Numbers.setting(clip.getAsDouble()) + ")";
        case CompressionRow.SVD -> "SVD rank " + rank.getAsInt();
        default -> "Original";
      };
    }

    @Override
    public int compareTo(Setting other) {
      return ORDER.compare(this, other);
    }
  }

  private record RowKey(ModelId model, String testSet) implements Comparable<RowKey> {

    private static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::model)
        .thenComparing(RowKey::testSet);

    @Override
    public int compareTo(RowKey other) {
      return ORDER.compare(this, other);
    }
  }

  private record ModelSetting(ModelId model, Setting setting) implements Comparable<ModelSetting> {

    private static final Comparator<ModelSetting> ORDER = Comparator.comparing(ModelSetting::model)
        .thenComparing(ModelSetting::setting);

    @Override
    public int compareTo(ModelSetting other) {
      return ORDER.compare(this, other);
    }
  }

  private CompressionSection() {}

  static Section build(List<CompressionRow> rows, Models models) {
    if (rows.isEmpty()) {
      return new Section(ID, "Compression", List.of(new Missing("compression results", "sweep")));
    }
    SortedMap<RowKey, Map<Setting, CompressionRow>> grid = new TreeMap<>();
    SortedMap<ModelSetting, CompressionRow> compressed = new TreeMap<>();
    SortedSet<Setting> settings = new TreeSet<>();
    for (CompressionRow row : rows) {
      ModelId model = models.of(row.modelRun(), row.model(), row.gateMode(), "compression row");
      Setting setting = Setting.of(row);
      settings.add(setting);
      String origin = "compression rows of model run '" + row.modelRun() + "'";
      if (grid.computeIfAbsent(new RowKey(model, row.testSet()), key -> new HashMap<>())
          .putIfAbsent(setting, row) != null) {
        throw DataException.in(origin, "one row per setting and test set", "two for " + setting.label() + " on '"
            + row.testSet() + "'");
      }
      // Perplexity and size belong to the compressed model, whatever test set its row is about.
      CompressionRow first = compressed.putIfAbsent(new ModelSetting(model, setting), row);
      if (first != null && (Double.compare(first.validPerplexity(), row.validPerplexity()) != 0
          || Double.compare(first.compressionRatio(), row.compressionRatio()) != 0)) {
        throw DataException.in(origin, "one validation perplexity and compression ratio for " + setting.label()
            + " (" + first.validPerplexity() + ", " + first.compressionRatio() + " on '" + first.testSet() + "')",
            row.validPerplexity() + ", " + row.compressionRatio() + " on '" + row.testSet() + "'");
      }
    }
    return new Section(ID, "Compression", List.of(
        new Paragraph("BLEU (sacreBLEU) of each model after compressing its gates, and in brackets the change from "
            + "the uncompressed model (Original) on the same test set, in the shape of the paper's Tables 4 and 5 "
            + "(the table compression_results also holds the tokenized BLEU the paper reports). "
            + "Round (r): gate weights rounded to multiples of r; Round & clip (r, c): rounded, then clipped to "
            + "[−c, c]; SVD rank k: gate weight matrices replaced by their rank-k approximation."),
        scores(grid, settings), models(compressed)));
  }

  private static Table scores(SortedMap<RowKey, Map<Setting, CompressionRow>> grid, SortedSet<Setting> settings) {
    List<Column> header = new ArrayList<>(ModelId.columns());
    header.add(Column.text("Test set"));
    for (Setting setting : settings) {
      header.add(Column.number(setting.label()));
    }
    List<List<Cell>> body = new ArrayList<>();
    for (Map.Entry<RowKey, Map<Setting, CompressionRow>> entry : grid.entrySet()) {
      List<Cell> cells = new ArrayList<>(entry.getKey().model().cells());
      cells.add(Cell.of(entry.getKey().testSet()));
      for (Setting setting : settings) {
        CompressionRow row = entry.getValue().get(setting);
        if (row == null) {
          cells.add(Cell.of(Numbers.MISSING));
        } else if (CompressionRow.NONE.equals(row.method())) {
          cells.add(Cell.of(Numbers.bleu(row.bleu())));
        } else {
          cells.add(Cell.of(Numbers.bleu(row.bleu()) + " (" + Numbers.change(row.bleuChange()) + ")"));
        }
      }
      body.add(cells);
    }
    return new Table("compression-table", "BLEU (change) by compression setting", header, body);
  }

  private static Table models(SortedMap<ModelSetting, CompressionRow> compressed) {
    List<Column> header = new ArrayList<>(ModelId.columns());
    header.add(Column.text("Setting"));
    header.add(Column.number("Validation perplexity"));
    header.add(Column.number("Compression ratio"));
    List<List<Cell>> body = new ArrayList<>();
    for (Map.Entry<ModelSetting, CompressionRow> entry : compressed.entrySet()) {
      List<Cell> cells = new ArrayList<>(entry.getKey().model().cells());
      cells.add(Cell.of(entry.getKey().setting().label()));
      cells.add(Cell.of(Numbers.fixed(entry.getValue().validPerplexity(), 2)));
      cells.add(Cell.of(Numbers.fixed(entry.getValue().compressionRatio(), 2)));
      body.add(cells);
    }
    return new Table("compression-details-table", "Validation perplexity and compression ratio of each model",
        header, body);
  }
}
