package io.g2lstm.model.gates;

import io.g2lstm.common.ConfigurationException;
import java.io.Serializable;
import java.util.Objects;

/**
 * The distributions of the input and forget gates of one layer over many sentences: one {@link GateHistogram}
 * per gate, and the numbers of sentences and positions. An accumulator like {@link GateHistogram}: statistics of
 * partitions merge into those of the whole, and {@link #freeze} gives the immutable result. Not thread-safe.
 */
public final class GateStatistics implements Serializable {

  private static final long serialVersionUID = 1L;

  private final GateLayer layer;
  private final GateHistogram input;
  private final GateHistogram forget;
  private long sentences;
  private long positions;

  /** Empty statistics of {@code layer} with {@link GateHistogram#DEFAULT_BINS} bins. */
  public GateStatistics(GateLayer layer) {
    this(layer, GateHistogram.DEFAULT_BINS);
  }

  /** Empty statistics of {@code layer} with {@code bins} bins per gate. */
  public GateStatistics(GateLayer layer, int bins) {
    this.layer = Objects.requireNonNull(layer, "layer");
    this.input = new GateHistogram(bins);
    this.forget = new GateHistogram(bins);
  }

  public GateLayer layer() {
    return layer;
  }

  /** Adds the gate values of one sentence, recorded from this layer; returns this. */
  public GateStatistics add(SentenceGates sentence) {
    requireLayer(sentence.layer(), "sentence gates");
    input.addAll(sentence.input());
    forget.addAll(sentence.forget());
    sentences++;
    positions += sentence.positions();
    return this;
  }

  /** Adds every sentence of {@code recorded}; returns this. */
  public GateStatistics addAll(Iterable<SentenceGates> recorded) {
    for (SentenceGates sentence : recorded) {
      add(sentence);
    }
    return this;
  }

  /** Adds the statistics of another part of the data, of the same layer and bins; returns this. */
  public GateStatistics merge(GateStatistics other) {
    requireLayer(other.layer, "gate statistics");
    input.merge(other.input);
    forget.merge(other.forget);
    sentences += other.sentences;
    positions += other.positions;
    return this;
  }

  private void requireLayer(GateLayer found, String what) {
    if (!found.equals(layer)) {
      throw new ConfigurationException("gate statistics of " + layer.name() + ": expected " + what + " of "
          + layer.name() + ", found " + what + " of " + found.name());
    }
  }

  /** The statistics as counted so far; later additions do not change them. */
  public GateSummary freeze() {
    return new GateSummary(layer, sentences, positions, input.freeze(), forget.freeze());
  }
}
