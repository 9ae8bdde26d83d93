/**
 * The result tables without Spark: one record per table row (BLEU scores, compression results, gate histograms,
 * per-token gate means, translations, training metrics), each table's name and partition columns ({@link
 * io.g2lstm.results.ResultTable}), and {@link io.g2lstm.results.RowCodec}, which reads a record's columns off its
 * components and converts rows to column values and back by name. The jobs write these records and the report reads
 * them.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.model, io.g2lstm.model.bleu, io.g2lstm.model.checkpoint,
 * io.g2lstm.model.compress, io.g2lstm.model.layer.
 */
package io.g2lstm.results;
