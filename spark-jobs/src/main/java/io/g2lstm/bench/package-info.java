/**
 * Benchmarks ({@code bin/g2lstm bench ...}) on one harness, {@link io.g2lstm.bench.Measurement}: warm-up rounds, then
 * medians. Reference tools are timed in the same run (Python peers) or not quoted.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.model, io.g2lstm.model.checkpoint,
 * io.g2lstm.model.data, io.g2lstm.model.decode, io.g2lstm.model.graph, io.g2lstm.model.layer, io.g2lstm.model.train,
 * io.g2lstm.prep.bpe, io.g2lstm.prep.corpus, io.g2lstm.prep.demo, io.g2lstm.prep.pipeline, io.g2lstm.results,
 * io.g2lstm.spark, io.g2lstm.spark.eval, io.g2lstm.spark.train.
 */
package io.g2lstm.bench;
