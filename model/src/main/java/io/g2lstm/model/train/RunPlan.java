package io.g2lstm.model.train;

import io.g2lstm.common.LifecycleException;
import io.g2lstm.model.checkpoint.Checkpoint;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a {@code train} invocation does, given what {@code train.output} holds (the latest checkpoint, and the run
 * recorded there when the run started): start a new run, continue one, or find it already complete. A run id names
 * a run across retries: Airflow passes its own, and a retry with the same id continues where the failed attempt's
 * last checkpoint left off, as {@code --resume} does; a run killed before its first checkpoint is continued from the
 * start under its recorded run id, so its rows are replaced rather than left behind.
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
   * @param recorded the run id recorded there when a run started, if any
   * @param resume whether {@code --resume} was given
   * @param requestedRunId the caller's run id, if any
   * @param epochs {@code train.epochs}
   * @param newRunId makes a run id when none is given or known
   */
  static RunPlan decide(String output, Optional<Checkpoint> latest, Optional<String> recorded, boolean resume,
      Optional<String> requestedRunId, int epochs, Supplier<String> newRunId) {
    Optional<String> trained = latest.map(c -> c.state().runId()).filter(id -> !id.isEmpty()).or(() -> recorded);
    if (requestedRunId.isPresent() && trained.isPresent() && !requestedRunId.equals(trained)) {
      throw new LifecycleException("train.output " + output + ": expected the run '" + requestedRunId.get()
          + "' (or none), found " + latest.map(Checkpoint::toString).orElse("the start") + " of run '"
          + trained.get() + "'; give each run its own train.output");
    }
    if (latest.isEmpty() && trained.isEmpty()) {
      if (resume) {
        throw new LifecycleException("train.output " + output + ": expected a run to resume (--resume), found no "
            + "checkpoint and no run started there; train without --resume to start one");
      }
      return new Fresh(requestedRunId.orElseGet(newRunId));
    }
    boolean sameRun = requestedRunId.isPresent() && requestedRunId.equals(trained);
    if (!resume && !sameRun) {
      throw new LifecycleException("train.output " + output + ": expected no earlier run (or --resume, or the run "
          + "id '" + trained.orElse("") + "' to continue it), found "
          + latest.map(Checkpoint::toString).orElse("the start of run '" + trained.orElse("") + "'"));
    }
    String runId = trained.orElseGet(() -> requestedRunId.orElseGet(newRunId));
    if (latest.isEmpty()) {
      return new Fresh(runId);
    }
    Checkpoint checkpoint = latest.get();
    Checkpoint.requireResumable(checkpoint, epochs);
    return checkpoint.state().epoch() == epochs ? new Complete(runId, checkpoint) : new Continue(runId, checkpoint);
  }
}
