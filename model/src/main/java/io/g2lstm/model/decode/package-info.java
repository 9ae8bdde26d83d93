/**
 * Translation: incremental decoding of the graph, beam search and the translator over batches of sources.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.model, io.g2lstm.model.bleu, io.g2lstm.model.checkpoint,
 * io.g2lstm.model.data, io.g2lstm.model.graph, io.g2lstm.model.layer, io.g2lstm.prep.pipeline.
 */
package io.g2lstm.model.decode;
