package io.g2lstm.spark.gates;

import io.g2lstm.spark.eval.EvaluatedModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the {@code gate_token_means} table: at one token of a selected sentence, the input and forget gate
 * values of a layer averaged over its hidden units (the paper's Figure 4). The schema is documented in README.md.
 *
 * @param sentence the sentence's position among the recorded training pairs ({@code gates.selected-sentences})
 * @param sequenceId the pair's {@code seq_id} in the shards
 * @param position the token's position: in the source for encoder layers; for decoder layers the step, labelled
 *     with the target token it predicts ({@code </s>} last)
 * @param token the subword
 */
public record GateTokenMeanRow(String runId, EvaluatedModel model, String layer, int sentence, long sequenceId,
    int position, String token, double inputMean, double forgetMean) {

  public static final String TABLE = "gate_token_means";

  public static final StructType SCHEMA = EvaluatedModel.columns()
      .add("layer", DataTypes.StringType, false)
      .add("sentence", DataTypes.IntegerType, false)
      .add("seq_id", DataTypes.LongType, false)
      .add("position", DataTypes.IntegerType, false)
      .add("token", DataTypes.StringType, false)
      .add("input_mean", DataTypes.DoubleType, false)
      .add("forget_mean", DataTypes.DoubleType, false);

  public Row toRow() {
    return model.row(runId, layer, sentence, sequenceId, position, token, inputMean, forgetMean);
  }
}
