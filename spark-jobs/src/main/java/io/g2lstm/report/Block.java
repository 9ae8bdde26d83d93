package io.g2lstm.report;

import java.util.List;

/**
 * A piece of a report section, the same for the HTML page and the Markdown summary: each renderer decides only how
 * it looks.
 */
sealed interface Block {

  /** A paragraph of plain text. */
  record Paragraph(String text) implements Block {}

  /** Says that a section has no data yet: "No {what} yet: the {job} job writes them." */
  record Missing(String what, String job) implements Block {}

  /** A headed list of code-like items (sacreBLEU signatures), each with a plain note. */
  record ItemList(String heading, List<Item> items) implements Block {

    /** {@code code} shown verbatim in a fixed-width font, then {@code note}. */
    record Item(String code, String note) {}
  }

  /** A chart: an SVG document, inline in the page and the file {@code fileName} beside the Markdown summary. */
  record Figure(String fileName, String caption, String svg) implements Block {}

  /**
   * A table. Columns may share a group heading (a test set over its BLEU flavours): the page spans it over them, the
   * Markdown summary puts it before each column's label.
   */
  record Table(String id, String caption, List<Column> columns, List<List<Cell>> rows) implements Block {}

  /** How a column's cells are shown. */
  enum Kind {
    /** Words, left-aligned. */
    TEXT,
    /** Figures, right-aligned with even digit widths. */
    NUMBER
  }

  /** A column; {@code group} is empty when it has none. */
  record Column(String group, String label, Kind kind) {

    static Column text(String label) {
      return new Column("", label, Kind.TEXT);
    }

    static Column number(String label) {
      return new Column("", label, Kind.NUMBER);
    }
  }

  /**
   * A table cell: {@code text}, then {@code detail} (empty for none) in a smaller font on a line of its own, such as
   * a model's run id under its name; {@code strong} cells are bold (the best score of a column).
   */
  record Cell(String text, String detail, boolean strong) {

    static Cell of(String text) {
      return new Cell(text, "", false);
    }
  }
}
