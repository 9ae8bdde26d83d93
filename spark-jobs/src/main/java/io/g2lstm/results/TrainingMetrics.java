package io.g2lstm.results;

import io.g2lstm.model.layer.GateMode;
import java.util.Objects;

/**
 * One row of the {@code training_metrics} table: what one epoch of a run achieved. The schema is documented in
 * README.md.
 *
 * @param runId the run
 * @param model {@code model.name}
 * @param gateMode the model's gates
 * @param epoch the epoch, from 1
 * @param step minibatches trained so far in the run, over all workers
 * @param trainLoss mean loss per target token over the epoch's minibatches (natural log)
 * @param validPerplexity perplexity per target token on the validation split after the epoch (NaN when it is empty)
 * @param tokensPerSecond target tokens trained per second of the epoch's training, over all workers
 * @param wallSeconds the epoch's wall time, validation and checkpoint included
 * @param workers parameter-averaging workers
 */
public record TrainingMetrics(String runId, String model, GateMode gateMode, int epoch, long step, double trainLoss,
    double validPerplexity, double tokensPerSecond, double wallSeconds, int workers) {

  public static final ResultTable<TrainingMetrics> TABLE = ResultTable.byRun("training_metrics",
      TrainingMetrics.class);

  public TrainingMetrics {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(gateMode, "gateMode");
  }
}
