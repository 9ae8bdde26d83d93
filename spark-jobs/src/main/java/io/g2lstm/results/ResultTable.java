package io.g2lstm.results;

import java.util.List;

/**
 * One result table: its name (the directory under the warehouse), the record type of its rows and its partition
 * columns, which lead its columns. The columns are the record's components ({@link RowCodec}).
 *
 * @param name the table's name, e.g. {@code bleu_scores}
 * @param partitions the partition columns, outermost first: {@code run_id}, and {@code model_run} for the tables about
 *     trained models
 */
public record ResultTable<R extends Record>(String name, Class<R> rowType, List<String> partitions) {

  /** The study run a row belongs to: every table's first partition column. */
  public static final String RUN_ID = "run_id";
  /** The training run of the model a row is about: the second partition column of the evaluation tables. */
  public static final String MODEL_RUN = "model_run";

  public ResultTable {
    partitions = List.copyOf(partitions);
  }

  /** A table partitioned by study run only. */
  static <R extends Record> ResultTable<R> byRun(String name, Class<R> rowType) {
    return new ResultTable<>(name, rowType, List.of(RUN_ID));
  }

  /** A table about trained models, partitioned by study run and then by the model's training run. */
  static <R extends Record> ResultTable<R> byRunAndModel(String name, Class<R> rowType) {
    return new ResultTable<>(name, rowType, List.of(RUN_ID, MODEL_RUN));
  }

  /** Every result table, in the order the README documents them. */
  public static List<ResultTable<?>> all() {
    return List.of(TrainingMetrics.TABLE, BleuScoreRow.TABLE, TranslationRow.TABLE, CompressionResultRow.TABLE,
        GateHistogramRow.TABLE, GateTokenMeanRow.TABLE);
  }

  /** The columns of the rows, in order. */
  public RowCodec<R> codec() {
    return RowCodec.of(rowType);
  }

  @Override
  public String toString() {
    return name;
  }
}
