/**
 * The {@code gates} job: gate histograms and per-token gate means of each model across the cluster.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.model.checkpoint, io.g2lstm.model.data,
 * io.g2lstm.model.gates, io.g2lstm.prep.corpus, io.g2lstm.prep.pipeline, io.g2lstm.report, io.g2lstm.results,
 * io.g2lstm.spark, io.g2lstm.spark.eval.
 */
package io.g2lstm.spark.gates;
