package io.g2lstm.model.layer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Explicit G² noise for one training forward pass of a {@link G2Lstm}, each array {@code [minibatch, nOut, time]}
 * (NCW, like the layer's output): uniform draws {@code U} in [0, 1) and Bernoulli masks {@code B} (0 or 1) for the
 * input and forget gates. See {@link GateNoiseSource}.
 */
public record GateNoise(INDArray uniformInput, INDArray uniformForget, INDArray maskInput, INDArray maskForget) {}
