package io.g2lstm.model.gates;

import java.io.Serializable;

/**
 * The gates of one layer at one position of a sentence, averaged over the layer's units.
 *
 * @param position the position, from 0 (see {@link SentenceGates} for what positions are)
 * @param tokenId the id of the token at that position: the source token (encoder), or the target token the step
 *     predicts (decoder)
 * @param input the mean input-gate value over the units
 * @param forget the mean forget-gate value over the units
 */
public record TokenGateMean(int position, int tokenId, double input, double forget) implements Serializable {}
