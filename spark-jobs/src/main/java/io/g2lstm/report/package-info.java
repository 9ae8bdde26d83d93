/**
 * The study report's renderer without Spark: the report data read from the result tables, its sections, and the HTML
 * page, Markdown summary and SVG charts.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs.
 */
package io.g2lstm.report;
