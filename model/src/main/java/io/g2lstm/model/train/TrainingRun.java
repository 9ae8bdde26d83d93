package io.g2lstm.model.train;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.CheckpointStore;
import io.g2lstm.model.checkpoint.ValidationHistory;
import io.g2lstm.model.data.TranslationAssets;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A training run, the same in one process ({@code train --local}) and on Spark; only the way an epoch is fitted
 * differs ({@link Fitting}). It decides from {@code train.output} whether to start, continue or do nothing
 * ({@link RunPlan}), checks that a continued checkpoint has the data's vocabularies and the configured model, and
 * runs the epochs: the learning rate of the epoch, the epoch's fit (its minibatch order seeded from
 * {@code train.seed} and the epoch, {@link TrainingSeeds}), validation perplexity, the epoch's figures recorded
 * ({@link Fitting#recordEpoch}), and then its checkpoint, in that order: a run that dies between the last two repeats
 * the epoch and replaces its record, so no epoch is recorded twice. Early stopping ends the loop. Epochs are counted
 * from 1 throughout.
 */
public final class TrainingRun {

  /**
   * What fitting one epoch did.
   *
   * @param lossSum the training loss summed over the epoch's target tokens (natural log)
   */
  public record EpochFit(long minibatches, long tokens, double lossSum, double fitSeconds) {

    double trainLoss() {
      return lossSum / Math.max(1, tokens);
    }
  }

  /**
   * What one epoch achieved. Losses are per target token (natural log).
   *
   * @param wallSeconds from the epoch's start to its checkpoint, not included
   * @param checkpoint where its checkpoint was written
   */
  public record EpochReport(String runId, int epoch, long step, long minibatches, double trainLoss,
      double validPerplexity, double tokensPerSecond, double wallSeconds, String checkpoint) {}

  /** What this invocation did: the run it belongs to, and the epochs it trained (none when nothing was left). */
  public record Outcome(String runId, List<EpochReport> epochs) {}

  /** Fits a run's epochs, in this process or across a cluster; closed when the run ends. */
  public interface Fitting extends AutoCloseable {

    /** The model as the last fitted epoch left it. */
    ComputationGraph model();

    /** Fits epoch {@code epoch} (from 1), its minibatches in the order {@code batchOrderSeed} gives. */
    EpochFit fitEpoch(int epoch, long batchOrderSeed);

    double validationPerplexity(int epoch);

    /** Records an epoch's figures; called before its checkpoint is written. */
    default void recordEpoch(EpochReport report) {}

    /** Writes the fitting's own state into a checkpoint being written. */
    default void addToCheckpoint(Path directory) {}

    @Override
    default void close() {}
  }

  /** Starts fitting a run. */
  @FunctionalInterface
  public interface FittingStart {

    /**
     * @param graph the model to train: fresh, or loaded from {@code resumedFrom}
     * @param resumedFrom the checkpoint the run continues from, if any
     */
    Fitting start(String runId, ComputationGraph graph, Optional<Checkpoint> resumedFrom);
  }

  private final ModelSettings model;
  private final TrainSettings train;
  private final CheckpointStore checkpoints;
  private final Path assetsDirectory;
  private final String resolvedConfiguration;
  private final PrintStream log;

  /**
   * @param assetsDirectory a local copy of the prepared data's vocabularies, BPE codes and manifest
   * @param resolvedConfiguration written into every checkpoint as provenance
   */
  public TrainingRun(ModelSettings model, TrainSettings train, CheckpointStore checkpoints, Path assetsDirectory,
      String resolvedConfiguration, PrintStream log) {
    this.model = model;
    this.train = train;
    this.checkpoints = checkpoints;
    this.assetsDirectory = assetsDirectory;
    this.resolvedConfiguration = resolvedConfiguration;
    this.log = log;
  }

  /**
   * What {@link #run} would do, checked without training: start a run, continue one (whose checkpoint has the
   * data's vocabularies and the configured model), or nothing, the run being complete; or why it refuses.
   */
  public RunPlan plan(boolean resume, Optional<String> requestedRunId) {
    RunPlan plan = RunPlan.decide(checkpoints.output(), checkpoints.latest(), checkpoints.recordedRunId(), resume,
        requestedRunId, train.epochs(), this::newRunId);
    if (plan instanceof RunPlan.Continue next) {
      Checkpoint checkpoint = next.checkpoint();
      TranslationAssets.load(assetsDirectory).requireSameVocabularies(checkpoint.assets(), "the data in "
          + train.data(), checkpoint.toString());
      Trainer.requireSameModel(checkpoint, model);
    }
    return plan;
  }

  /**
   * Trains up to {@code train.epochs} epochs.
   *
   * @param resume continue from the latest checkpoint under {@code train.output}
   * @param requestedRunId the caller's run id; with the run id of the latest checkpoint it continues that run
   * @param setup how the run is fitted, for its first line ("1 worker, 29,000 training pairs")
   */
  public Outcome run(boolean resume, Optional<String> requestedRunId, String setup, FittingStart fitting) {
    TranslationAssets assets = TranslationAssets.load(assetsDirectory);
    RunPlan plan = plan(resume, requestedRunId);
    ComputationGraph graph;
    ValidationHistory history;
    int firstEpoch;
    long step;
    Optional<Checkpoint> resumedFrom = Optional.empty();
    if (plan instanceof RunPlan.Complete complete) {
      log.printf(Locale.ROOT, "train: run %s already has all %d epochs (%s); nothing to train%n", complete.runId(),
          train.epochs(), complete.checkpoint());
      return new Outcome(plan.runId(), List.of());
    } else if (plan instanceof RunPlan.Continue next) {
      Checkpoint checkpoint = next.checkpoint();
      history = checkpoint.state().validation();
      firstEpoch = checkpoint.state().epoch();
      if (train.stopsAfter(firstEpoch, history)) {
        log.printf(Locale.ROOT, "train: run %s stopped early at %s (%s); nothing to train%n", plan.runId(),
            checkpoint, history.stopReason(firstEpoch));
        return new Outcome(plan.runId(), List.of());
      }
      graph = checkpoint.loadModel();
      step = checkpoint.state().step();
      resumedFrom = Optional.of(checkpoint);
      log.printf(Locale.ROOT, "train: run %s resuming from %s%n", plan.runId(), checkpoint);
    } else {
      checkpoints.recordRun(plan.runId());
      graph = Trainer.newModel(model, train, assets);
      history = ValidationHistory.NONE;
      firstEpoch = 0;
      step = 0;
      log.printf(Locale.ROOT, "train: run %s, %s (%s gates, %,d parameters), %s%n", plan.runId(), model.name(),
          SettingsReader.settingName(model.gate().mode()), graph.numParams(), setup);
    }

    List<EpochReport> reports = new ArrayList<>();
    try (Fitting fit = fitting.start(plan.runId(), graph, resumedFrom)) {
      for (int epoch = firstEpoch + 1; epoch <= train.epochs(); epoch++) {
        long start = System.nanoTime();
        train.startEpoch(fit.model(), epoch, history);
        EpochFit fitted = fit.fitEpoch(epoch, TrainingSeeds.batchOrder(train.seed(), epoch - 1));
        step += fitted.minibatches();
        double validPerplexity = fit.validationPerplexity(epoch);
        history = train.schedule().after(history, epoch, validPerplexity);
        EpochReport report = new EpochReport(plan.runId(), epoch, step, fitted.minibatches(), fitted.trainLoss(),
            validPerplexity, fitted.tokens() / fitted.fitSeconds(), (System.nanoTime() - start) / 1e9,
            checkpoints.directory(epoch));
        fit.recordEpoch(report);
        String checkpoint = checkpoints.write(fit.model(), new Checkpoint.Progress(epoch, step, report.trainLoss(),
            validPerplexity, plan.runId(), history), assetsDirectory, resolvedConfiguration, fit::addToCheckpoint);
        reports.add(report);
        log.printf(Locale.ROOT, "epoch %d/%d done: %d minibatches, train loss %.4f, validation perplexity %.2f, "
                + "%,.0f target tokens/s, %.1f s; %s%n", epoch, train.epochs(), report.minibatches(),
            report.trainLoss(), validPerplexity, report.tokensPerSecond(), report.wallSeconds(), checkpoint);
        if (train.stopsAfter(epoch, history)) {
          log.println("train: stopping early: " + history.stopReason(epoch));
          break;
        }
      }
    }
    return new Outcome(plan.runId(), List.copyOf(reports));
  }

  private String newRunId() {
    return model.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
