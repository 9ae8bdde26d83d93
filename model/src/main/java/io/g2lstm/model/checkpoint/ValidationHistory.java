package io.g2lstm.model.checkpoint;

import java.io.Serializable;
import java.util.Locale;

/**
 * What the validation perplexities of a run so far decide: its best epoch, how often a plateau has decayed the
 * learning rate, and how many epochs have passed without improvement since the best or the last decay. Recorded in
 * every checkpoint, so that a resumed run continues the same schedule and stops where an uninterrupted run would.
 * The learning-rate schedule moves it on from epoch to epoch ({@code LearningRateSchedule.after}).
 *
 * @param bestEpoch the epoch (from 1) with the lowest validation perplexity; 0 before the first epoch
 * @param bestPerplexity that perplexity; infinite before the first epoch
 * @param decays learning-rate decays triggered by plateaus so far
 * @param stalledEpochs epochs without improvement since the best epoch or the last plateau decay, whichever is later
 */
public record ValidationHistory(int bestEpoch, double bestPerplexity, int decays, int stalledEpochs)
    implements Serializable {

  /** Before the first epoch. */
  public static final ValidationHistory NONE = new ValidationHistory(0, Double.POSITIVE_INFINITY, 0, 0);

  /** The history of a checkpoint written before histories were recorded: its own epoch is taken as the best. */
  public static ValidationHistory startingAt(int epoch, double perplexity) {
    return new ValidationHistory(epoch, perplexity, 0, 0);
  }

  /** Epochs since the best one, after {@code epoch} epochs. */
  public int epochsSinceBest(int epoch) {
    return epoch - bestEpoch;
  }

  /** Why training stops after {@code epoch} epochs, for the log. */
  public String stopReason(int epoch) {
    return String.format(Locale.ROOT, "no better validation perplexity for %d epochs (best %.2f, epoch %d)",
        epochsSinceBest(epoch), bestPerplexity, bestEpoch);
  }
}
