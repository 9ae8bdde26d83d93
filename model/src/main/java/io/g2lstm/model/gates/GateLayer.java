package io.g2lstm.model.gates;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.G2LstmLayer;
import io.g2lstm.model.layer.InputFeedingDecoder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The G²-LSTM layer whose gates are recorded: a layer of the translation graph ({@code encoder-1},
 * {@code decoder-0}, ...) or one direction of the bidirectional first encoder layer ({@code encoder-0-forward},
 * {@code encoder-0-backward}), named as {@link #name()} writes it. A decoder layer has no directions; whether the
 * graph has the layer is checked by {@link #of} and {@link #requireIn}.
 *
 * @param layer the graph's layer name, e.g. {@code encoder-0}
 * @param direction which copy inside a bidirectional layer, or {@link Direction#NONE}
 */
public record GateLayer(String layer, Direction direction) implements Serializable {

  private static final Pattern LAYER = Pattern.compile("(encoder|decoder)-\\d+");
  private static final Pattern NAME = Pattern.compile("((?:encoder|decoder)-\\d+)(-forward|-backward)?");
  private static final String EXPECTED_FORM =
      "decoder-<i>, encoder-<i>, encoder-<i>-forward or encoder-<i>-backward";

  /**
   * The first decoder layer, the paper's choice (and the default of {@code gates.layer}). (Declared after the
   * patterns, which the constructor reads.)
   */
  public static final GateLayer DEFAULT = new GateLayer(TranslationGraph.decoderLayer(0), Direction.NONE);

  /** Which copy of a layer: a plain layer, or one direction of DL4J's {@code Bidirectional}. */
  public enum Direction {
    NONE(""),
    FORWARD("-forward"),
    BACKWARD("-backward");

    private final String suffix;

    Direction(String suffix) {
      this.suffix = suffix;
    }

    /** What follows the layer name in {@link GateLayer#name()}. */
    public String suffix() {
      return suffix;
    }
  }

  /** What a layer's time steps are: source tokens (encoder) or target positions (decoder). */
  public enum Side {
    SOURCE,
    TARGET
  }

  public GateLayer {
    Objects.requireNonNull(direction, "direction");
    if (!LAYER.matcher(Objects.requireNonNull(layer, "layer")).matches()
        || (layer.startsWith("decoder-") && direction != Direction.NONE)) {
      throw new ConfigurationException("gate layer: expected " + EXPECTED_FORM + ", found '" + layer
          + direction.suffix() + "'");
    }
  }

  /**
   * The layer a name means ({@code decoder-0}, {@code encoder-1}, {@code encoder-0-forward}, ...), checked for its
   * form only; {@link #of} also checks it against a model.
   */
  public static GateLayer parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new ConfigurationException("gate layer: expected " + EXPECTED_FORM + ", found '" + name + "'");
    }
    Direction direction = m.group(2) == null ? Direction.NONE
        : m.group(2).equals(Direction.FORWARD.suffix()) ? Direction.FORWARD : Direction.BACKWARD;
    return new GateLayer(m.group(1), direction);
  }

  /** The layer a name means in {@code graph}; an unknown name is an error that lists the graph's layers. */
  public static GateLayer of(String name, ComputationGraph graph) {
    requireAvailable(name, graph);
    return parse(name);
  }

  /**
   * The names of every G²-LSTM layer of {@code graph} whose gates can be recorded, in the graph's layer order: a
   * plain layer by its name, a bidirectional one by its two directions; then the layers inside an input-feeding
   * decoder, {@code decoder-<i>}.
   */
  public static List<String> available(ComputationGraph graph) {
    List<String> names = new ArrayList<>();
    for (Layer layer : graph.getLayers()) {
      org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
      if (conf instanceof Bidirectional wrapper && wrapper.getFwd() instanceof G2LstmLayer) {
        names.add(conf.getLayerName() + Direction.FORWARD.suffix());
        names.add(conf.getLayerName() + Direction.BACKWARD.suffix());
      } else if (conf instanceof G2LstmLayer) {
        names.add(conf.getLayerName());
      }
    }
    if (graph.getConfiguration().getVertices().get(TranslationGraph.DECODER) instanceof InputFeedingDecoder decoder) {
      for (int l = 0; l < decoder.getLayers(); l++) {
        names.add(TranslationGraph.decoderLayer(l));
      }
    }
    return names;
  }

  /** Fails unless {@code graph} has this layer (the error lists those it has). */
  public void requireIn(ComputationGraph graph) {
    requireAvailable(name(), graph);
  }

  private static void requireAvailable(String name, ComputationGraph graph) {
    List<String> available = available(graph);
    if (!available.contains(name)) {
      throw new ConfigurationException("gate layer: expected one of the model's G2-LSTM layers " + available
          + ", found '" + name + "'");
    }
  }

  /** E.g. {@code decoder-0}, {@code encoder-0-backward}. */
  public String name() {
    return layer + direction.suffix();
  }

  /** Source tokens for an encoder layer, target positions for a decoder layer. */
  public Side side() {
    return layer.startsWith("encoder-") ? Side.SOURCE : Side.TARGET;
  }
}
