package io.g2lstm.model.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning rate for DL4J's updaters: {@code rate * min(1, (iteration + 1) / warmupSteps)}, so the first minibatch
 * trains at {@code rate / warmupSteps} and minibatch {@code warmupSteps} onwards at {@code rate}. The trainers set a
 * new one before every epoch (the rate of that epoch); it is saved with the model, so a checkpoint carries the rate
 * it was trained with.
 */
public final class WarmupRate implements ISchedule {

  private final double rate;
  private final int warmupSteps;

  @JsonCreator
  public WarmupRate(@JsonProperty("rate") double rate, @JsonProperty("warmupSteps") int warmupSteps) {
    this.rate = rate;
    this.warmupSteps = warmupSteps;
  }

  @JsonProperty("rate")
  public double rate() {
    return rate;
  }

  @JsonProperty("warmupSteps")
  public int warmupSteps() {
    return warmupSteps;
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    return warmupSteps == 0 ? rate : rate * Math.min(1.0, (iteration + 1.0) / warmupSteps);
  }

  @Override
  public ISchedule clone() {
    return new WarmupRate(rate, warmupSteps);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WarmupRate w && w.rate == rate && w.warmupSteps == warmupSteps;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(rate) * 31 + warmupSteps;
  }

  @Override
  public String toString() {
    return "WarmupRate(" + rate + ", warm-up " + warmupSteps + " steps)";
  }
}
