/**
 * The translation network as a DL4J computation graph: encoder, decoder, Luong attention and the softmax output with
 * its loss.
 *
 * <p>Depends on: io.g2lstm.model, io.g2lstm.model.layer.
 */
package io.g2lstm.model.graph;
