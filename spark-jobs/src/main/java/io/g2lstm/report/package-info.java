/**
 * The study report's renderer without Spark: the report data read from the result tables, its sections, and the HTML
 * page, Markdown summary and SVG charts.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.model.compress, io.g2lstm.model.layer,
 * io.g2lstm.results.
 */
package io.g2lstm.report;
