/**
 * subword-nmt's byte-pair encoding: learning merges, applying codes with vocabulary filtering, and the Python text
 * semantics (line splitting, {@code str.split}) that make the output byte-identical.
 *
 * <p>Depends on: io.g2lstm.common.
 */
package io.g2lstm.prep.bpe;
