package io.g2lstm.spark.train;

import io.g2lstm.spark.ResultTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the {@code training_metrics} table: what one epoch of a run achieved. The schema is documented in
 * README.md.
 *
 * @param runId the run
 * @param model {@code model.name}
 * @param gateMode baseline, sharpened or g2
 * @param epoch the epoch, from 1
 * @param step minibatches trained so far in the run, over all workers
 * @param trainLoss mean loss per target token over the epoch's minibatches (natural log)
 * @param validPerplexity perplexity per target token on the validation split after the epoch
 * @param tokensPerSecond target tokens trained per second of the epoch's training, over all workers
 * @param wallSeconds the epoch's wall time, validation and checkpoint included
 * @param workers parameter-averaging workers
 */
public record TrainingMetrics(String runId, String model, String gateMode, int epoch, long step, double trainLoss,
    double validPerplexity, double tokensPerSecond, double wallSeconds, int workers) {

  public static final String TABLE = "training_metrics";

  public static final StructType SCHEMA = new StructType()
      .add(ResultTables.RUN_ID, DataTypes.StringType, false)
      .add("model", DataTypes.StringType, false)
      .add("gate_mode", DataTypes.StringType, false)
      .add("epoch", DataTypes.IntegerType, false)
      .add("step", DataTypes.LongType, false)
      .add("train_loss", DataTypes.DoubleType, false)
      .add("valid_perplexity", DataTypes.DoubleType, false)
      .add("tokens_per_second", DataTypes.DoubleType, false)
      .add("wall_seconds", DataTypes.DoubleType, false)
      .add("workers", DataTypes.IntegerType, false);

  Row toRow() {
    return RowFactory.create(runId, model, gateMode, epoch, step, trainLoss, validPerplexity, tokensPerSecond,
        wallSeconds, workers);
  }

  public static TrainingMetrics fromRow(Row row) {
    return new TrainingMetrics(row.getString(0), row.getString(1), row.getString(2), row.getInt(3), row.getLong(4),
        row.getDouble(5), row.getDouble(6), row.getDouble(7), row.getDouble(8), row.getInt(9));
  }

  /** The rows of a run after {@code latest}: earlier epochs kept, {@code latest}'s epoch and any later replaced. */
  static List<TrainingMetrics> upTo(List<TrainingMetrics> earlier, TrainingMetrics latest) {
    List<TrainingMetrics> rows = new ArrayList<>();
    for (TrainingMetrics row : earlier) {
      if (row.epoch() < latest.epoch()) {
        rows.add(row);
      }
    }
    rows.add(latest);
    return rows;
  }
}
