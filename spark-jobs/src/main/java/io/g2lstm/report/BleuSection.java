package io.g2lstm.report;

import io.g2lstm.common.DataException;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.report.Block.Cell;
import io.g2lstm.report.Block.Column;
import io.g2lstm.report.Block.ItemList;
import io.g2lstm.report.Block.ItemList.Item;
import io.g2lstm.report.Block.Missing;
import io.g2lstm.report.Block.Paragraph;
import io.g2lstm.report.Block.Table;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The BLEU section: one row per model (and epoch and beam evaluated), one column per test set and flavour, as the
 * paper's Table 2, with the best score of each column in bold; then the sacreBLEU signatures and a table of the
 * scores' components.
 */
final class BleuSection {

  static final String ID = "bleu";

  private record RowKey(ModelId model, int epoch, int beam) implements Comparable<RowKey> {

    private static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::model)
        .thenComparingInt(RowKey::epoch).thenComparingInt(RowKey::beam);

    @Override
    public int compareTo(RowKey other) {
      return ORDER.compare(this, other);
    }
  }

  private record ColumnKey(String testSet, BleuFlavour flavour) implements Comparable<ColumnKey> {

    // sacreBLEU, the comparable figure, before the paper's tokenized BLEU.
    private static final Comparator<ColumnKey> ORDER = Comparator.comparing(ColumnKey::testSet)
        .thenComparing(ColumnKey::flavour);

    @Override
    public int compareTo(ColumnKey other) {
      return ORDER.compare(this, other);
    }
  }

  private BleuSection() {}

  static Section build(List<BleuScoreRow> rows, Models models) {
    if (rows.isEmpty()) {
      return new Section(ID, "BLEU", List.of(new Missing("BLEU scores", "evaluate")));
    }
    SortedMap<RowKey, Map<ColumnKey, BleuScoreRow>> grid = new TreeMap<>();
    SortedSet<ColumnKey> columns = new TreeSet<>();
    for (BleuScoreRow row : rows) {
      ModelId model = models.of(row.model(), "BLEU row");
      ColumnKey column = new ColumnKey(row.testSet(), row.flavour());
      columns.add(column);
      Map<ColumnKey, BleuScoreRow> scores = grid.computeIfAbsent(new RowKey(model, row.model().epoch(), row.beam()),
          key -> new HashMap<>());
      if (scores.putIfAbsent(column, row) != null) {
        throw DataException.in("BLEU rows of model run '" + row.model().modelRun() + "'",
            "one score per epoch, beam, test set and flavour", "two for epoch " + row.model().epoch() + ", beam "
                + row.beam() + ", test set '" + row.testSet() + "', flavour "
                + SettingsReader.settingName(row.flavour()));
      }
    }
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph("Corpus BLEU of each model's translations of the test sets, in the shape of the "
        + "paper's Table 2. sacreBLEU scores detokenized output; multi-bleu scores tokenized output, as the paper "
        + "does. The best score of each column is in bold."));
    blocks.add(scores(grid, columns));
    List<Item> signatures = signatures(rows);
    if (!signatures.isEmpty()) {
      blocks.add(new ItemList("Signatures", signatures));
    }
    blocks.add(details(grid, columns));
    return new Section(ID, "BLEU", blocks);
  }

  private static Table scores(SortedMap<RowKey, Map<ColumnKey, BleuScoreRow>> grid, SortedSet<ColumnKey> columns) {
    List<Column> header = new ArrayList<>(ModelId.columns());
    header.add(Column.number("Epoch"));
    header.add(Column.number("Beam"));
    Map<ColumnKey, String> best = new HashMap<>();
    for (ColumnKey column : columns) {
      header.add(new Column(column.testSet(), flavourLabel(column.flavour()), Block.Kind.NUMBER));
      double highest = Double.NaN;
      for (Map<ColumnKey, BleuScoreRow> scores : grid.values()) {
        BleuScoreRow row = scores.get(column);
        if (row != null && !Double.isNaN(row.score()) && (Double.isNaN(highest) || row.score() > highest)) {
          highest = row.score();
        }
      }
      best.put(column, Numbers.bleu(highest));
    }
    List<List<Cell>> body = new ArrayList<>();
    for (Map.Entry<RowKey, Map<ColumnKey, BleuScoreRow>> entry : grid.entrySet()) {
      RowKey key = entry.getKey();
      List<Cell> cells = new ArrayList<>(key.model().cells());
      cells.add(Cell.of(Integer.toString(key.epoch())));
      cells.add(Cell.of(Integer.toString(key.beam())));
      for (ColumnKey column : columns) {
        BleuScoreRow row = entry.getValue().get(column);
        if (row == null) {
          cells.add(Cell.of(Numbers.MISSING));
        } else {
          // Ties at the printed precision are all best: the reader cannot tell them apart either.
          String score = Numbers.bleu(row.score());
          cells.add(new Cell(score, "", !Double.isNaN(row.score()) && score.equals(best.get(column))));
        }
      }
      body.add(cells);
    }
    return new Table("bleu-table", "BLEU by test set and flavour", header, body);
  }

  /** Each distinct signature, with the flavour and test sets it was used for. */
  private static List<Item> signatures(List<BleuScoreRow> rows) {
    SortedMap<String, SortedSet<String>> uses = new TreeMap<>();
    for (BleuScoreRow row : rows) {
      if (!row.signature().isBlank()) {
        uses.computeIfAbsent(row.signature(), s -> new TreeSet<>())
            .add(flavourLabel(row.flavour()) + " on " + row.testSet());
      }
    }
    List<Item> items = new ArrayList<>();
    for (Map.Entry<String, SortedSet<String>> entry : uses.entrySet()) {
      items.add(new Item(entry.getKey(), String.join(", ", entry.getValue())));
    }
    return items;
  }

  private static Table details(SortedMap<RowKey, Map<ColumnKey, BleuScoreRow>> grid, SortedSet<ColumnKey> columns) {
    List<Column> header = new ArrayList<>(ModelId.columns());
    header.add(Column.number("Epoch"));
    header.add(Column.number("Beam"));
    header.add(Column.text("Test set"));
    header.add(Column.text("Flavour"));
    header.add(Column.number("BLEU"));
    header.add(Column.number("Precisions"));
    header.add(Column.number("BP"));
    header.add(Column.number("Ratio"));
    header.add(Column.number("Hyp. length"));
    header.add(Column.number("Ref. length"));
    List<List<Cell>> body = new ArrayList<>();
    for (Map.Entry<RowKey, Map<ColumnKey, BleuScoreRow>> entry : grid.entrySet()) {
      for (ColumnKey column : columns) {
        BleuScoreRow row = entry.getValue().get(column);
        if (row == null) {
          continue;
        }
        List<String> precisions = new ArrayList<>();
        for (double precision : row.precisions()) {
          precisions.add(Numbers.fixed(precision, 1));
        }
        List<Cell> cells = new ArrayList<>(entry.getKey().model().cells());
        cells.add(Cell.of(Integer.toString(row.model().epoch())));
        cells.add(Cell.of(Integer.toString(row.beam())));
        cells.add(Cell.of(row.testSet()));
        cells.add(Cell.of(flavourLabel(row.flavour())));
        cells.add(Cell.of(Numbers.bleu(row.score())));
        cells.add(Cell.of(String.join("/", precisions)));
        cells.add(Cell.of(Numbers.fixed(row.brevityPenalty(), 3)));
        cells.add(Cell.of(Numbers.fixed((double) row.hypothesisLength() / row.referenceLength(), 3)));
        cells.add(Cell.of(Long.toString(row.hypothesisLength())));
        cells.add(Cell.of(Long.toString(row.referenceLength())));
        body.add(cells);
      }
    }
    return new Table("bleu-details-table", "Components of each score: 1- to 4-gram precisions (percent), brevity "
        + "penalty, length ratio and lengths in tokens", header, body);
  }

  private static String flavourLabel(BleuFlavour flavour) {
    return flavour == BleuFlavour.SACREBLEU ? "sacreBLEU" : "multi-bleu";
  }
}
