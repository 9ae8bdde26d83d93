package io.g2lstm.spark.eval;

import io.g2lstm.spark.ResultTables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the {@code translations} table: a test sentence, its reference and a model's translation. The schema
 * is documented in README.md.
 *
 * @param line the 1-based line (or segment) number in the test set
 */
public record TranslationRow(String runId, String modelRun, String testSet, int beam, int line, String source,
    String reference, String hypothesis) {

  public static final String TABLE = "translations";

  public static final StructType SCHEMA = new StructType()
      .add(ResultTables.RUN_ID, DataTypes.StringType, false)
      .add(ResultTables.MODEL_RUN, DataTypes.StringType, false)
      .add("test_set", DataTypes.StringType, false)
      .add("beam", DataTypes.IntegerType, false)
      .add("line", DataTypes.IntegerType, false)
      .add("source", DataTypes.StringType, false)
      .add("reference", DataTypes.StringType, false)
      .add("hypothesis", DataTypes.StringType, false);

  public Row toRow() {
    return RowFactory.create(runId, modelRun, testSet, beam, line, source, reference, hypothesis);
  }
}
