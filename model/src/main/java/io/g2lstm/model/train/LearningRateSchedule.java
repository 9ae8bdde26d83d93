package io.g2lstm.model.train;

import io.g2lstm.common.SettingsReader;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Step decay of the learning rate by epoch, as OpenNMT's {@code start_decay_steps}/{@code decay_steps} do it: the
 * configured rate until {@code startEpoch}, then multiplied by {@code decay} at that epoch and every
 * {@code everyEpochs} epochs after it. Epochs count from 1 here; DL4J's epoch counter starts at 0.
 *
 * @param decay the factor applied at each decay step; 1 for a constant rate
 * @param startEpoch the first epoch trained with a decayed rate
 * @param everyEpochs epochs between decay steps
 */
public record LearningRateSchedule(double decay, int startEpoch, int everyEpochs) implements Serializable {

  /** A constant rate. */
  public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(1.0, 1, 1);

  /** Reads {@code learning-rate-schedule} of the {@code train} section. */
  static LearningRateSchedule from(SettingsReader train) {
    SettingsReader s = train.section("learning-rate-schedule");
    return new LearningRateSchedule(s.doubleIn("decay", 1e-6, 1.0), s.intIn("start-epoch", 1, 100_000),
        s.intIn("every-epochs", 1, 100_000));
  }

  public boolean isConstant() {
    return decay == 1.0;
  }

  /** The rate of epoch {@code epoch} (from 1). */
  public double rate(double initial, int epoch) {
    int steps = epoch < startEpoch ? 0 : (epoch - startEpoch) / everyEpochs + 1;
    return initial * Math.pow(decay, steps);
  }

  /** DL4J's form for {@code epochs} epochs; later epochs keep the last rate. */
  public ISchedule toSchedule(double initial, int epochs) {
    Map<Integer, Double> values = new HashMap<>();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      values.put(epoch - 1, rate(initial, epoch));
    }
    return new MapSchedule(ScheduleType.EPOCH, values);
  }
}
