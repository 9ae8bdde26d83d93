/**
 * The {@code report} job: reads a run's result tables and hands them to the renderer in {@code io.g2lstm.report}.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.report, io.g2lstm.results, io.g2lstm.spark.
 */
package io.g2lstm.spark.report;
