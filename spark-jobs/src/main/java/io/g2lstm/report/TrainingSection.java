package io.g2lstm.report;

import io.g2lstm.common.DataException;
import io.g2lstm.report.Block.Cell;
import io.g2lstm.report.Block.Column;
import io.g2lstm.report.Block.Missing;
import io.g2lstm.report.Block.Paragraph;
import io.g2lstm.report.Block.Table;
import io.g2lstm.results.TrainingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The training section: per model, the epochs trained, the last epoch's figures and the best validation epoch. */
final class TrainingSection {

  static final String ID = "training";

  private TrainingSection() {}

  static Section build(List<TrainingMetrics> rows, Models models) {
    if (rows.isEmpty()) {
      return new Section(ID, "Training", List.of(new Missing("training metrics", "train")));
    }
    SortedMap<ModelId, SortedMap<Integer, TrainingMetrics>> epochs = new TreeMap<>();
    for (TrainingMetrics row : rows) {
      ModelId model = models.of(row.runId(), row.model(), row.gateMode(), "training row");
      if (epochs.computeIfAbsent(model, m -> new TreeMap<>()).putIfAbsent(row.epoch(), row) != null) {
        throw DataException.in("training rows of model run '" + row.runId() + "'", "one row per epoch",
            "two for epoch " + row.epoch());
      }
    }
    List<Column> header = new ArrayList<>(ModelId.columns());
    header.add(Column.number("Epochs"));
    header.add(Column.number("Training loss"));
    header.add(Column.number("Validation perplexity"));
    header.add(Column.number("Best validation perplexity"));
    header.add(Column.number("Best epoch"));
    List<List<Cell>> body = new ArrayList<>();
    for (Map.Entry<ModelId, SortedMap<Integer, TrainingMetrics>> entry : epochs.entrySet()) {
      TrainingMetrics last = entry.getValue().get(entry.getValue().lastKey());
      TrainingMetrics best = null;
      for (TrainingMetrics row : entry.getValue().values()) {
        if (!Double.isNaN(row.validPerplexity()) && (best == null || row.validPerplexity() < best.validPerplexity())) {
          best = row;
        }
      }
      List<Cell> cells = new ArrayList<>(entry.getKey().cells());
      cells.add(Cell.of(Integer.toString(last.epoch())));
      cells.add(Cell.of(Numbers.fixed(last.trainLoss(), 3)));
      cells.add(Cell.of(Numbers.fixed(last.validPerplexity(), 2)));
      cells.add(Cell.of(best == null ? Numbers.MISSING : Numbers.fixed(best.validPerplexity(), 2)));
      cells.add(Cell.of(best == null ? Numbers.MISSING : Integer.toString(best.epoch())));
      body.add(cells);
    }
    return new Section(ID, "Training", List.of(
        new Paragraph("Each model's last epoch: mean training loss per target token (natural log) and validation "
            + "perplexity, and the epoch with the lowest validation perplexity."),
        new Table("training-table", "Training of each model", header, body)));
  }
}
