/**
 * Spark basics and {@code prepare}: sessions, Hadoop file access, the result tables' partitioned writes and reads, the
 * shard schema, reader and partitioner, staged outputs, and the result tables' Spark schemas and rows.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.model.data, io.g2lstm.prep.bpe,
 * io.g2lstm.prep.corpus, io.g2lstm.prep.pipeline, io.g2lstm.results, io.g2lstm.spark.gpu.
 */
package io.g2lstm.spark;
