package io.g2lstm.model.layer;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Gives every G²-LSTM layer of a model replica its noise stream ({@link G2LstmLayer#setNoiseStream}), including the
 * two directions inside a {@link Bidirectional} wrapper, whose layer configurations the wrapped layers share.
 */
public final class NoiseStreams {

  private NoiseStreams() {}

  /** Sets {@code stream} on all G²-LSTM layers of {@code graph}; idempotent. */
  public static void assign(ComputationGraph graph, long stream) {
    for (Layer layer : graph.getLayers()) {
      org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
      if (conf instanceof Bidirectional wrapper) {
        assign(wrapper.getFwd(), stream);
        assign(wrapper.getBwd(), stream);
      } else {
        assign(conf, stream);
      }
    }
  }

  private static void assign(org.deeplearning4j.nn.conf.layers.Layer conf, long stream) {
    if (conf instanceof G2LstmLayer g2) {
      g2.setNoiseStream(stream);
    }
  }
}
