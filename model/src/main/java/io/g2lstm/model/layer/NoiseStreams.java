package io.g2lstm.model.layer;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;

/**
 * Gives every G²-LSTM layer of a model replica its noise stream ({@link G2Lstm#setNoiseStream}), including the two
 * directions inside a {@link BidirectionalLayer} and the input-feeding decoder's layers. The stream belongs to the
 * layer implementations, which each replica has of its own: the configurations inside DL4J's {@code Bidirectional}
 * are shared by every copy of a model (its {@code clone()} is shallow), so a stream set there would be a race between
 * replicas training in one JVM.
 */
public final class NoiseStreams {

  /** BidirectionalLayer keeps its two directions in private fields and offers no getter for them. */
  private static final Field FORWARD = directionField("fwd");
  private static final Field BACKWARD = directionField("bwd");

  private NoiseStreams() {}

  private static Field directionField(String name) {
    try {
      Field field = BidirectionalLayer.class.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("expected DL4J's BidirectionalLayer to hold the field '" + name + "'", e);
    }
  }

  /** Sets {@code stream} on all G²-LSTM layers of {@code graph}; idempotent. */
  public static void assign(ComputationGraph graph, long stream) {
    for (Layer layer : graph.getLayers()) {
      assign(layer, stream);
    }
    for (GraphVertex vertex : graph.getVertices()) {
      if (vertex instanceof InputFeedingDecoderVertex decoder) {
        decoder.setNoiseStream(stream);
      }
    }
  }

  private static void assign(Layer layer, long stream) {
    if (layer instanceof G2Lstm g2) {
      g2.setNoiseStream(stream);
    } else if (layer instanceof BidirectionalLayer bidirectional) {
      try {
        assign((Layer) FORWARD.get(bidirectional), stream);
        assign((Layer) BACKWARD.get(bidirectional), stream);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("reading the directions of " + layer, e);
      }
    }
  }

  /** The stream of the G²-LSTM layer {@code layer} (a direction of a bidirectional one: its forward one). */
  public static long of(Layer layer) {
    try {
      return layer instanceof BidirectionalLayer bidirectional ? of((Layer) FORWARD.get(bidirectional))
          : ((G2Lstm) layer).noiseStream();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("reading the directions of " + layer, e);
    }
  }
}
