/**
 * Training on Spark: parameter averaging and block momentum over replicas, the ordered reduction that makes runs
 * reproducible, shard batches per worker.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.model, io.g2lstm.model.checkpoint,
 * io.g2lstm.model.data, io.g2lstm.model.layer, io.g2lstm.model.train, io.g2lstm.prep.corpus, io.g2lstm.prep.pipeline,
 * io.g2lstm.results, io.g2lstm.spark.
 */
package io.g2lstm.spark.train;
