package io.g2lstm.report;

import io.g2lstm.common.DataException;
import io.g2lstm.model.compress.GateCompression;
import io.g2lstm.report.Block.Cell;
import io.g2lstm.report.Block.Column;
import io.g2lstm.report.Block.Missing;
import io.g2lstm.report.Block.Paragraph;
import io.g2lstm.report.Block.Table;
import io.g2lstm.results.CompressionResultRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private static final List<String> METHODS = List.of(CompressionResultRow.NONE, GateCompression.Round.NAME,
      GateCompression.RoundClip.NAME, GateCompression.LowRank.NAME);

  /** One column: a method with its parameters. */
  private record Setting(String method, Optional<Double> step, Optional<Double> clip, Optional<Integer> rank)
      implements Comparable<Setting> {

    // Original first, then rounding by step and clip, then SVD from the mildest (highest) rank down.
    private static final Comparator<Setting> ORDER = Comparator.comparingInt((Setting s) -> METHODS.indexOf(s.method))
        .thenComparingDouble(s -> s.step.orElse(0.0)).thenComparingDouble(s -> s.clip.orElse(0.0))
        .thenComparingInt(s -> -s.rank.orElse(0));

    static Setting of(CompressionResultRow row) {
      return new Setting(row.method(), row.step(), row.clip(), row.rank());
    }

    String label() {
      return switch (method) {
        case GateCompression.Round.NAME -> "Round (" + Numbers.setting(step.orElseThrow()) + ")";
        case GateCompression.RoundClip.NAME -> "Round & clip (" + Numbers.setting(step.orElseThrow()) + ", "
            + Numbers.setting(clip.orElseThrow()) + ")";
        case GateCompression.LowRank.NAME -> "SVD rank " + rank.orElseThrow();
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

  static Section build(List<CompressionResultRow> rows, Models models) {
    if (rows.isEmpty()) {
      return new Section(ID, "Compression", List.of(new Missing("compression results", "sweep")));
    }
    SortedMap<RowKey, Map<Setting, CompressionResultRow>> grid = new TreeMap<>();
    SortedMap<ModelSetting, CompressionResultRow> compressed = new TreeMap<>();
    SortedSet<Setting> settings = new TreeSet<>();
    for (CompressionResultRow row : rows) {
      ModelId model = models.of(row.model(), "compression row");
      Setting setting = Setting.of(row);
      settings.add(setting);
      String origin = "compression rows of model run '" + row.model().modelRun() + "'";
      if (grid.computeIfAbsent(new RowKey(model, row.testSet()), key -> new HashMap<>())
          .putIfAbsent(setting, row) != null) {
        throw DataException.in(origin, "one row per setting and test set", "two for " + setting.label() + " on '"
            + row.testSet() + "'");
      }
      // Perplexity and size belong to the compressed model, whatever test set its row is about.
      CompressionResultRow first = compressed.putIfAbsent(new ModelSetting(model, setting), row);
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

  private static Table scores(SortedMap<RowKey, Map<Setting, CompressionResultRow>> grid, SortedSet<Setting> settings) {
    List<Column> header = new ArrayList<>(ModelId.columns());
    header.add(Column.text("Test set"));
    for (Setting setting : settings) {
      header.add(Column.number(setting.label()));
    }
    List<List<Cell>> body = new ArrayList<>();
    for (Map.Entry<RowKey, Map<Setting, CompressionResultRow>> entry : grid.entrySet()) {
      List<Cell> cells = new ArrayList<>(entry.getKey().model().cells());
      cells.add(Cell.of(entry.getKey().testSet()));
      for (Setting setting : settings) {
        CompressionResultRow row = entry.getValue().get(setting);
        if (row == null) {
          cells.add(Cell.of(Numbers.MISSING));
        } else if (CompressionResultRow.NONE.equals(row.method())) {
          cells.add(Cell.of(Numbers.bleu(row.bleu())));
        } else {
          cells.add(Cell.of(Numbers.bleu(row.bleu()) + " (" + Numbers.change(row.bleuChange()) + ")"));
        }
      }
      body.add(cells);
    }
    return new Table("compression-table", "BLEU (change) by compression setting", header, body);
  }

  private static Table models(SortedMap<ModelSetting, CompressionResultRow> compressed) {
    List<Column> header = new ArrayList<>(ModelId.columns());
    header.add(Column.text("Setting"));
    header.add(Column.number("Validation perplexity"));
    header.add(Column.number("Compression ratio"));
    List<List<Cell>> body = new ArrayList<>();
    for (Map.Entry<ModelSetting, CompressionResultRow> entry : compressed.entrySet()) {
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
