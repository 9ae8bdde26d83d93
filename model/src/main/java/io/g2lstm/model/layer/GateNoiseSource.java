package io.g2lstm.model.layer;

/**
 * Replaces the seeded noise generator of a {@link G2Lstm} (set with {@link G2Lstm#setNoiseSource}): a test hook
 * for injecting known noise, for example a reference implementation's. Called once per training forward pass in
 * {@link GateMode#G2}.
 */
@FunctionalInterface
public interface GateNoiseSource {

  /** The noise of a pass over {@code timeSteps} steps of {@code minibatch} sequences. */
  GateNoise draw(long minibatch, long timeSteps);
}
