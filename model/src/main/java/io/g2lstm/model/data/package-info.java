/**
 * From prepared text to arrays: the vocabularies and codec of a prepared output, and length-bucketed minibatches.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.prep.bpe, io.g2lstm.prep.pipeline, io.g2lstm.prep.tokenize.
 */
package io.g2lstm.model.data;
