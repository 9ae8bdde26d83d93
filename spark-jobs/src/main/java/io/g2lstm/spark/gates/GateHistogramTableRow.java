package io.g2lstm.spark.gates;

import io.g2lstm.spark.eval.EvaluatedModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the {@code gate_histograms} table: one bin of the histogram of one gate's values in one layer of a
 * model, with that gate's exact shares of values below 0.1 and above 0.9 (the same on every bin of the histogram).
 * The schema is documented in README.md.
 *
 * @param gate {@code input} or {@code forget}
 * @param fraction {@code count} over the gate's values in all bins
 * @param positions the sentence positions recorded (each gives one value per hidden unit)
 */
public record GateHistogramTableRow(String runId, EvaluatedModel model, String layer, String gate, int bin,
    double lower, double upper, long count, double fraction, double shareBelow01, double shareAbove09, double mean,
    long sentences, long positions) {

  public static final String TABLE = "gate_histograms";

  public static final StructType SCHEMA = EvaluatedModel.columns()
      .add("layer", DataTypes.StringType, false)
      .add("gate", DataTypes.StringType, false)
      .add("bin", DataTypes.IntegerType, false)
      .add("lower", DataTypes.DoubleType, false)
      .add("upper", DataTypes.DoubleType, false)
      .add("count", DataTypes.LongType, false)
      .add("fraction", DataTypes.DoubleType, false)
      .add("share_below_0_1", DataTypes.DoubleType, false)
      .add("share_above_0_9", DataTypes.DoubleType, false)
      .add("mean", DataTypes.DoubleType, false)
      .add("sentences", DataTypes.LongType, false)
      .add("positions", DataTypes.LongType, false);

  public Row toRow() {
    return model.row(runId, layer, gate, bin, lower, upper, count, fraction, shareBelow01, shareAbove09, mean,
        sentences, positions);
  }
}
