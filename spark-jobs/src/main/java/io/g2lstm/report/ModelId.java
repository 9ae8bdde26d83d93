package io.g2lstm.report;

import io.g2lstm.model.layer.GateMode;
import io.g2lstm.report.Block.Cell;
import io.g2lstm.report.Block.Column;
import java.util.Comparator;
import java.util.List;

/** A trained model as the report names it: its training run, its name and its gate mode. */
record ModelId(String run, String name, GateMode mode) implements Comparable<ModelId> {

  // The paper's order (baseline, sharpened, G²), then by name and run so that the same data gives the same report.
  private static final Comparator<ModelId> ORDER = Comparator.comparing(ModelId::mode)
      .thenComparing(ModelId::name).thenComparing(ModelId::run);

  /** The columns that name a model at the start of a table's rows. */
  static List<Column> columns() {
    return List.of(Column.text("Model"), Column.text("Name and run"));
  }

  /** This model's cells under {@link #columns()}. */
  List<Cell> cells() {
    return List.of(Cell.of(label(mode)), new Cell(name, run, false));
  }

  /** "G²-LSTM · iwslt14-g2", for chart titles. */
  String describe() {
    return label(mode) + " · " + name;
  }

  /** The label the paper's tables give the model with {@code mode} gates. */
  static String label(GateMode mode) {
    return switch (mode) {
      case BASELINE -> "Baseline";
      case SHARPENED -> "Sharpened";
      case G2 -> "G²-LSTM";
    };
  }

  @Override
  public int compareTo(ModelId other) {
    return ORDER.compare(this, other);
  }
}
