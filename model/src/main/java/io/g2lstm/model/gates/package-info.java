/**
 * Gate statistics: recording input and forget gate values while decoding, histograms that merge across partitions,
 * per-token means.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.model.data, io.g2lstm.model.graph, io.g2lstm.model.layer,
 * io.g2lstm.prep.pipeline.
 */
package io.g2lstm.model.gates;
