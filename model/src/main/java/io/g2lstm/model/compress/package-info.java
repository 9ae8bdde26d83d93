/**
 * Compression of the gate weights (rounding, clipping, low-rank SVD) of a checkpoint, with its report.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.model.checkpoint, io.g2lstm.model.graph,
 * io.g2lstm.model.layer.
 */
package io.g2lstm.model.compress;
