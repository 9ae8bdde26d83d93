/**
 * The command line, all of it: {@link io.g2lstm.cli.Main} (also the {@code spark-submit} main class), each command's
 * argument parsing with {@link io.g2lstm.cli.CommandLine}, the text tools and {@code bleu}, and the one-line error
 * reporting with exit statuses.
 *
 * <p>Depends on: io.g2lstm.bench, io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.model, io.g2lstm.model.bleu,
 * io.g2lstm.model.checkpoint, io.g2lstm.model.compress, io.g2lstm.model.data, io.g2lstm.model.decode,
 * io.g2lstm.model.layer, io.g2lstm.model.train, io.g2lstm.prep.bpe, io.g2lstm.prep.corpus, io.g2lstm.prep.demo,
 * io.g2lstm.prep.pipeline, io.g2lstm.prep.tokenize, io.g2lstm.report, io.g2lstm.results, io.g2lstm.spark,
 * io.g2lstm.spark.cluster, io.g2lstm.spark.eval, io.g2lstm.spark.gates, io.g2lstm.spark.report, io.g2lstm.spark.train.
 */
package io.g2lstm.cli;
