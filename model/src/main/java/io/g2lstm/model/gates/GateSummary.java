package io.g2lstm.model.gates;

import java.io.Serializable;

/**
 * The gate statistics of one layer (the paper's Figures 1 and 3 and its shares near 0 and 1).
 *
 * @param layer the layer (and direction)
 * @param sentences the sentence pairs fed through the model
 * @param positions their real positions in this layer (source tokens, or target tokens plus {@code </s>})
 * @param input the input-gate values, {@code positions x units} of them
 * @param forget the forget-gate values, as many
 */
public record GateSummary(GateLayer layer, long sentences, long positions, GateDistribution input,
    GateDistribution forget) implements Serializable {}
