/**
 * The G²-LSTM layer (configuration, parameter views, implementation), its gate maths in {@link
 * io.g2lstm.model.layer.G2Gates}, the Gumbel noise streams, and the input-feeding decoder that steps attention in its
 * recurrence.
 *
 * <p>Depends on: io.g2lstm.common.
 */
package io.g2lstm.model.layer;
