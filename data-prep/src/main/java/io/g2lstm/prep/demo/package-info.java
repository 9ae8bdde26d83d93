/**
 * The synthetic English-German corpus of {@code bin/g2lstm demo}: a small grammar (lexicon, phrases, inflection)
 * realised in both languages.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.prep.corpus.
 */
package io.g2lstm.prep.demo;
