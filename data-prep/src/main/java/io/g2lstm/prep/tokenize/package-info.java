/**
 * Moses tokenizer.perl and detokenizer.perl for English and German, with their escaping, non-breaking prefixes and
 * Perl character classes.
 *
 * <p>Depends on: io.g2lstm.common.
 */
package io.g2lstm.prep.tokenize;
