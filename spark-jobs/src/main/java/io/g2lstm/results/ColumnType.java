package io.g2lstm.results;

/** How a column is stored: the Java value a table holds for it (strings for enums, lists for arrays). */
public enum ColumnType {
  /** A {@link String}; enums are stored in their configuration spelling ({@code multi-bleu}, {@code g2}). */
  TEXT,
  /** An {@link Integer}. */
  INT,
  /** A {@link Long}. */
  LONG,
  /** A {@link Double}. */
  DOUBLE,
  /** A {@code List<Double>}. */
  DOUBLES
}
