package io.g2lstm.model.train;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.checkpoint.ValidationHistory;
import java.io.Serializable;

/**
 * How Adam's learning rate changes during training: a linear warm-up over the first {@code warmupSteps} minibatches
 * (Marian's {@code --lr-warmup}, fairseq's {@code --warmup-updates}), then a step decay by {@code decay}, either by
 * epoch as OpenNMT's {@code start_decay_steps}/{@code decay_steps} do it (at {@code startEpoch} and every
 * {@code everyEpochs} epochs after it) or on a validation plateau (after every {@code patience} epochs whose
 * validation perplexity is no better than the best so far, as OpenNMT-py's original recipe and Marian's
 * {@code --lr-decay-strategy stalled} do). Epochs count from 1 here; DL4J's epoch counter starts at 0.
 *
 * @param decay the factor applied at each decay step; 1 for no decay
 * @param trigger what triggers a decay step
 * @param startEpoch the first epoch trained with a decayed rate ({@link Trigger#EPOCHS})
 * @param everyEpochs epochs between decay steps ({@link Trigger#EPOCHS})
 * @param patience epochs without improvement before each decay step ({@link Trigger#PLATEAU})
 * @param warmupSteps minibatches over which the rate rises linearly to its value; 0 for none
 */
public record LearningRateSchedule(double decay, Trigger trigger, int startEpoch, int everyEpochs, int patience,
    int warmupSteps) implements Serializable {

  /** What triggers a decay step. */
  public enum Trigger {
    /** The epoch number. */
    EPOCHS,
    /** Validation perplexity that has stopped improving. */
    PLATEAU
  }

  /** A constant rate. */
  public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(1.0, Trigger.EPOCHS, 1, 1, 1, 0);

  /** Reads {@code learning-rate-schedule} of the {@code train} section. */
  static LearningRateSchedule from(SettingsReader train) {
    SettingsReader s = train.section("learning-rate-schedule");
    return new LearningRateSchedule(s.doubleIn("decay", 1e-6, 1.0), s.choice("decay-on", Trigger.class),
        s.intIn("start-epoch", 1, 100_000), s.intIn("every-epochs", 1, 100_000), s.intIn("patience", 1, 100_000),
        s.intIn("warmup-steps", 0, Integer.MAX_VALUE));
  }

  private boolean decaysOnPlateau() {
    return trigger == Trigger.PLATEAU && decay < 1.0;
  }

  /**
   * The validation history after {@code epoch} reached {@code perplexity}. An epoch improves only on a strictly lower
   * perplexity; a NaN never improves. On a plateau of {@link #patience} epochs a plateau schedule decays the rate.
   */
  public ValidationHistory after(ValidationHistory history, int epoch, double perplexity) {
    if (perplexity < history.bestPerplexity()) {
      return new ValidationHistory(epoch, perplexity, history.decays(), 0);
    }
    int stalled = history.stalledEpochs() + 1;
    if (decaysOnPlateau() && stalled >= patience) {
      return new ValidationHistory(history.bestEpoch(), history.bestPerplexity(), history.decays() + 1, 0);
    }
    return new ValidationHistory(history.bestEpoch(), history.bestPerplexity(), history.decays(), stalled);
  }

  /** The rate of epoch {@code epoch} (from 1), after warm-up, given the validation history of the epochs before it. */
  public double rate(double initial, int epoch, ValidationHistory history) {
    int steps = switch (trigger) {
      case EPOCHS -> epoch < startEpoch ? 0 : (epoch - startEpoch) / everyEpochs + 1;
      case PLATEAU -> history.decays();
    };
    return initial * Math.pow(decay, steps);
  }

  /** DL4J's form of the rate of epoch {@code epoch}: that rate, with the warm-up applied by iteration. */
  public WarmupRate toSchedule(double initial, int epoch, ValidationHistory history) {
    return new WarmupRate(rate(initial, epoch, history), warmupSteps);
  }
}
