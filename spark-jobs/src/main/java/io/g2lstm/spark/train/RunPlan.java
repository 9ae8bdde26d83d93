package io.g2lstm.spark.train;

import io.g2lstm.common.LifecycleException;
import io.g2lstm.model.train.Checkpoint;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a {@code train} invocation does, given the latest checkpoint under {@code train.output}: start a new run,
 * continue one, or find it already complete. A run id names a run across retries: Airflow passes its own, and a retry
 * with the same id continues where the failed attempt's last checkpoint left off, as {@code --resume} does.
 */
public sealed interface RunPlan {

  String runId();

  /** No checkpoint yet: train from epoch 1. */
  record Fresh(String runId) implements RunPlan {}

  /** Continue after the checkpoint's epoch. */
  record Continue(String runId, Checkpoint checkpoint) implements RunPlan {}

  /** The checkpoint already has every epoch asked for. */
  record Complete(String runId, Checkpoint checkpoint) implements RunPlan {}

  /**
   * @param output {@code train.output}, for messages
   * @param latest the latest checkpoint there, if any
   * @param resume whether {@code --resume} was given
   * @param requestedRunId the caller's run id, if any
   * @param epochs {@code train.epochs}
   * @param newRunId makes a run id when none is given or known
   */
  static RunPlan decide(String output, Optional<Checkpoint> latest, boolean resume, Optional<String> requestedRunId,
      int epochs, Supplier<String> newRunId) {
    if (latest.isEmpty()) {
      return new Fresh(requestedRunId.orElseGet(newRunId));
    }
    Checkpoint checkpoint = latest.get();
    String trained = checkpoint.state().runId();
    if (requestedRunId.isPresent() && !trained.isEmpty() && !requestedRunId.get().equals(trained)) {
      throw new LifecycleException("train.output " + output + ": expected checkpoints of run '"
          + requestedRunId.get() + "' (or none), found " + checkpoint + " of run '" + trained
          + "'; give each run its own train.output");
    }
    boolean sameRun = requestedRunId.isPresent() && requestedRunId.get().equals(trained);
    if (!resume && !sameRun) {
      throw new LifecycleException("train.output " + output + ": expected no checkpoints (or --resume, or the run id '"
          + trained + "' to continue them), found " + checkpoint);
    }
    Checkpoint.requireResumable(checkpoint, epochs);
    String runId = !trained.isEmpty() ? trained : requestedRunId.orElseGet(newRunId);
    return checkpoint.state().epoch() == epochs ? new Complete(runId, checkpoint) : new Continue(runId, checkpoint);
  }
}
