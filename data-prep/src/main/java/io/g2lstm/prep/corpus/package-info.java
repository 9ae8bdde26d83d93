/**
 * Reading parallel corpora: corpus specifications and formats (plain, gzip, SGML, TSV), strict UTF-8 line reading with
 * a policy for invalid bytes, and sentence pairs with their source file and line.
 *
 * <p>Depends on: io.g2lstm.common.
 */
package io.g2lstm.prep.corpus;
