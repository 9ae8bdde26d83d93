/**
 * Checkpoints: the one home of the checkpoint layout of a training output (epochs, {@code latest}, {@code best}), on
 * any {@link io.g2lstm.common.fs.FileStore}; averaging of checkpoints and the validation history.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.model, io.g2lstm.model.data.
 */
package io.g2lstm.model.checkpoint;
