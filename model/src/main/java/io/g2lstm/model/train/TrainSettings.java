package io.g2lstm.model.train;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.checkpoint.ValidationHistory;
import java.io.Serializable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The settings of training, read from the {@code train} section (each documented beside its default in the
 * model module's {@code g2lstm-reference.conf}).
 *
 * @param data the prepared data directory
 * @param output where checkpoints go
 * @param epochs epochs to train in all (a resumed run continues up to this number)
 * @param batchSize sentence pairs per minibatch
 * @param optimizer the optimizer
 * @param learningRate Adam's learning rate (AdaDelta has none)
 * @param schedule how Adam's learning rate warms up and decays
 * @param clipNorm the largest L2 norm of the gradient of the per-sentence mean loss
 * @param seed seeds the batch order and dropout
 * @param maxBatchesPerEpoch stop an epoch after this many minibatches; 0 for all
 * @param logEvery a progress line every this many minibatches
 * @param initScale every parameter of a new model drawn uniformly from [-initScale, initScale] (OpenNMT's
 *     {@code param_init}); 0 keeps DL4J's Xavier initialisation (and a forget-gate bias of 1)
 * @param labelSmoothing the share of each target spread uniformly over the vocabulary in the training loss
 * @param earlyStoppingPatience stop after this many epochs without a better validation perplexity; 0 never stops
 */
public record TrainSettings(String data, String output, int epochs, int batchSize, Optimizer optimizer,
    double learningRate, LearningRateSchedule schedule, double clipNorm, long seed, int maxBatchesPerEpoch,
    int logEvery, double initScale, double labelSmoothing, int earlyStoppingPatience) implements Serializable {

  /** The optimizers on offer. */
  public enum Optimizer {
    /** AdaDelta (rho 0.95, epsilon 1e-6), as in the paper. */
    ADADELTA,
    /** Adam with the configured learning rate. */
    ADAM
  }

  /** Reads and checks the {@code train} section. */
  public static TrainSettings from(SettingsReader root) {
    SettingsReader s = root.section("train");
    Optimizer optimizer = s.choice("optimizer", Optimizer.class);
    LearningRateSchedule schedule = LearningRateSchedule.from(s);
    if (optimizer == Optimizer.ADADELTA && schedule.decay() != 1.0) {
      throw s.section("learning-rate-schedule").invalid("decay", "1 (AdaDelta has no learning rate to decay)",
          String.valueOf(schedule.decay()));
    }
    if (optimizer == Optimizer.ADADELTA && schedule.warmupSteps() != 0) {
      throw s.section("learning-rate-schedule").invalid("warmup-steps",
          "0 (AdaDelta has no learning rate to warm up)", String.valueOf(schedule.warmupSteps()));
    }
    return new TrainSettings(
        s.nonBlankString("data"),
        s.nonBlankString("output"),
        s.intIn("epochs", 1, 100_000),
        s.intIn("batch-size", 1, 100_000),
        optimizer,
        s.doubleIn("learning-rate", 1e-9, 10.0),
        schedule,
        s.doubleIn("clip-norm", 0.0, 1e6),
        s.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE),
        s.intIn("max-batches-per-epoch", 0, Integer.MAX_VALUE),
        s.intIn("log-every", 1, Integer.MAX_VALUE),
        s.doubleIn("init-scale", 0.0, 10.0),
        s.doubleIn("label-smoothing", 0.0, 0.99),
        s.section("early-stopping").intIn("patience", 0, 100_000));
  }

  /** These settings with another base learning rate (the schedule applies to it as to the configured one). */
  public TrainSettings withLearningRate(double rate) {
    return new TrainSettings(data, output, epochs, batchSize, optimizer, rate, schedule, clipNorm, seed,
        maxBatchesPerEpoch, logEvery, initScale, labelSmoothing, earlyStoppingPatience);
  }

  /** The DL4J updater for these settings, with the learning rate of the first epoch. */
  public IUpdater updater() {
    return switch (optimizer) {
      case ADADELTA -> new AdaDelta();
      case ADAM -> new Adam(learningRate(1, ValidationHistory.NONE));
    };
  }

  /** The learning rate of {@code epoch} (from 1), given the validation history of the epochs before it. */
  public WarmupRate learningRate(int epoch, ValidationHistory history) {
    return schedule.toSchedule(learningRate, epoch, history);
  }

  /** Sets the learning rate of {@code epoch} on a model about to train it (every trainer, before every epoch). */
  public void startEpoch(ComputationGraph graph, int epoch, ValidationHistory history) {
    LearningRates.set(graph, learningRate(epoch, history));
  }

  /** Whether training stops after {@code epoch} epochs with this validation history (early stopping). */
  public boolean stopsAfter(int epoch, ValidationHistory history) {
    return earlyStoppingPatience > 0 && history.epochsSinceBest(epoch) >= earlyStoppingPatience;
  }
}
