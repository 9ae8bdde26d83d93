/**
 * The stages of {@code prepare} without Spark: settings, tokenizing and segmenting pairs, length filtering,
 * vocabularies, the shard layout and the manifest with its statistics.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.prep.bpe, io.g2lstm.prep.corpus,
 * io.g2lstm.prep.tokenize.
 */
package io.g2lstm.prep.pipeline;
