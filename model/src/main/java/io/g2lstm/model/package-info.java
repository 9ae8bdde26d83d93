/**
 * The model's settings ({@link io.g2lstm.model.ModelSettings}, gate settings, the decoder kind), read once from the
 * {@code model} block.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.model.layer.
 */
package io.g2lstm.model;
