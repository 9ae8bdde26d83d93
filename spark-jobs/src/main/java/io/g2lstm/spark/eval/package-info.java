/**
 * The {@code evaluate} and {@code sweep} jobs: translation of test sets across the cluster, BLEU, and compression
 * variants.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.model.bleu, io.g2lstm.model.checkpoint,
 * io.g2lstm.model.compress, io.g2lstm.model.data, io.g2lstm.model.decode, io.g2lstm.model.train, io.g2lstm.prep.corpus,
 * io.g2lstm.results, io.g2lstm.spark.
 */
package io.g2lstm.spark.eval;
