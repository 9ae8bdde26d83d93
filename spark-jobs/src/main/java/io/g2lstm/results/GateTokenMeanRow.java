package io.g2lstm.results;

import io.g2lstm.common.DataException;
import java.util.Objects;

/**
 * One row of the {@code gate_token_means} table: at one token of a selected sentence, the input and forget gate
 * values of a layer averaged over its hidden units, in [0, 1] (the paper's Figure 4). The schema is documented in
 * README.md.
 *
 * @param sentence the sentence's position among the recorded training pairs ({@code gates.selected-sentences})
 * @param sequenceId the pair's {@code seq_id} in the shards
 * @param position the token's position, from 0: in the source for encoder layers; for decoder layers the step,
 *     labelled with the target token it predicts ({@code </s>} last)
 * @param token the subword as the model's vocabulary spells it
 */
public record GateTokenMeanRow(String runId, EvaluatedModel model, String layer, int sentence,
    @Column("seq_id") long sequenceId, int position, String token, double inputMean, double forgetMean) {

  public static final ResultTable<GateTokenMeanRow> TABLE = ResultTable.byRunAndModel("gate_token_means",
      GateTokenMeanRow.class);

  public GateTokenMeanRow {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(token, "token");
    if (!(0 <= inputMean && inputMean <= 1 && 0 <= forgetMean && forgetMean <= 1)) {
      throw DataException.in("token gate row of model run '" + model.modelRun() + "', layer '" + layer
          + "', sentence " + sentence + ", position " + position, "gate means in [0, 1]", "input " + inputMean
          + ", forget " + forgetMean);
    }
  }
}
