package io.g2lstm.model.gates;

import io.g2lstm.common.LifecycleException;
import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.G2Lstm;
import io.g2lstm.model.layer.G2LstmParamInitializer;
import io.g2lstm.model.layer.InputFeedingDecoderVertex;
import io.g2lstm.prep.pipeline.Vocabulary;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Records the input- and forget-gate values of one G²-LSTM layer of a translation model while sentence pairs pass
 * through it, as the paper does for its Figures 1, 3 and 4.
 *
 * <p>What is measured: the gates of an inference pass, the graph run with {@code train = false}, so there is no
 * dropout and no G² noise. For a G²-LSTM model these are {@code sigmoid(a)}, the gates the model translates with
 * (its training gates add noise and divide by the temperature); for the sharpened baseline
 * {@code sigmoid(a / tau)}; for the baseline {@code sigmoid(a)}. The graph runs on the source and the decoder input
 * {@code <s> y1 .. yn} of each pair with their masks, up to the recorded layer only, so the layer sees the padding
 * masked and padded positions are left out (see {@link SentenceGates} for the positions and their labels).
 *
 * <p>One minibatch costs the forward pass up to the layer plus a handful of ND4J operations: the two gate arrays
 * are copied out once and read in plain Java. A recorder uses its graph's layers and is not thread-safe: one
 * recorder and one graph per thread (per Spark partition).
 */
public final class GateRecorder {

  private final ComputationGraph graph;
  private final GateLayer layer;
  /** The gate values of the layer's last pass, [b, H, T], by gate index of {@link G2LstmParamInitializer}. */
  private final IntFunction<INDArray> gates;
  private final int stopIndex;
  private final DataType dataType;

  /** A recorder of {@code layer} in {@code graph}, a translation graph; fails when the graph has no such layer. */
  public GateRecorder(ComputationGraph graph, GateLayer layer) {
    layer.requireIn(graph);
    this.graph = graph;
    this.layer = layer;
    if (graph.getVertex(TranslationGraph.DECODER) instanceof InputFeedingDecoderVertex decoder
        && layer.side() == GateLayer.Side.TARGET) {
      int index = Integer.parseInt(layer.layer().substring(layer.layer().indexOf('-') + 1));
      this.gates = gate -> decoder.gateValues(index, gate);
      this.stopIndex = topologicalPosition(graph, TranslationGraph.DECODER);
    } else {
      Layer found = graph.getLayer(layer.layer());
      G2Lstm recurrent = switch (layer.direction()) {
        case NONE -> (G2Lstm) found;
        case FORWARD -> direction(found, "fwd");
        case BACKWARD -> direction(found, "bwd");
      };
      this.gates = recurrent::gateValues;
      this.stopIndex = topologicalPosition(graph, layer.layer());
    }
    this.dataType = graph.params().dataType();
  }

  public GateLayer layer() {
    return layer;
  }

  /**
   * The G²-LSTM instance of one direction of a bidirectional layer. DL4J 1.0.0-M2.1's {@code BidirectionalLayer}
   * holds its two copies in private fields without accessors, and reading them is the only way to the gates of
   * the pass the graph made.
   */
  private G2Lstm direction(Layer bidirectional, String field) {
    try {
      Field copy = BidirectionalLayer.class.getDeclaredField(field);
      copy.setAccessible(true);
      return (G2Lstm) copy.get(bidirectional);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new LifecycleException("gate layer " + layer.name() + ": expected DL4J's BidirectionalLayer holding "
          + "a G2-LSTM layer in its field '" + field + "', found " + e, e);
    }
  }

  /** Where a layer comes in the graph's topological order: the forward pass stops there. */
  private static int topologicalPosition(ComputationGraph graph, String name) {
    int vertex = graph.getVertex(name).getVertexIndex();
    int[] order = graph.topologicalSortOrder();
    for (int i = 0; i < order.length; i++) {
      if (order[i] == vertex) {
        return i;
      }
    }
    throw new LifecycleException("gate layer " + name + ": expected vertex " + vertex
        + " in the graph's topological order, found " + Arrays.toString(order));
  }

  /**
   * Feeds the pairs at {@code indices} through the graph as one padded minibatch and returns, per pair in that
   * order, the layer's gate values at its real positions.
   */
  public List<SentenceGates> record(ParallelIds data, int[] indices) {
    MultiDataSet batch = Minibatches.encode(data, indices, dataType);
    boolean source = layer.side() == GateLayer.Side.SOURCE;
    int steps = (int) batch.getFeatures(source ? 0 : 1).size(1);
    float[] input;
    float[] forget;
    int hidden;
    graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), null);
    try {
      graph.feedForward(batch.getFeatures(), stopIndex, false, false);
      INDArray inputGate = gates.apply(G2LstmParamInitializer.INPUT_GATE);
      INDArray forgetGate = gates.apply(G2LstmParamInitializer.FORGET_GATE);
      long[] shape = inputGate.shape();
      if (shape.length != 3 || shape[0] != indices.length || shape[2] != steps) {
        throw new LifecycleException("gate layer " + layer.name() + ": expected gates [" + indices.length
            + ", units, " + steps + "] of this minibatch, found " + Arrays.toString(shape));
      }
      hidden = (int) shape[1];
      input = columnMajor(inputGate);
      forget = columnMajor(forgetGate);
    } finally {
      // The layers' inputs and the masks would otherwise stay referenced until the next batch.
      graph.clearLayerMaskArrays();
      graph.clearLayersStates();
    }
    boolean reversed = layer.direction() == GateLayer.Direction.BACKWARD;
    List<SentenceGates> sentences = new ArrayList<>(indices.length);
    for (int row = 0; row < indices.length; row++) {
      int index = indices[row];
      int[] tokens = source ? data.source()[index].clone() : predictedTokens(data.target()[index]);
      sentences.add(new SentenceGates(data.sequenceIds()[index], layer, tokens, hidden,
          GateMath.realPositions(input, indices.length, hidden, steps, row, tokens.length, reversed),
          GateMath.realPositions(forget, indices.length, hidden, steps, row, tokens.length, reversed)));
    }
    return sentences;
  }

  /**
   * Records every pair of {@code data} in length-bucketed minibatches of at most {@code batchSize} pairs and adds
   * the values to {@code statistics}, which must be of this recorder's layer; returns {@code statistics}.
   */
  public GateStatistics accumulate(ParallelIds data, int batchSize, GateStatistics statistics) {
    for (int[] indices : Minibatches.plan(data, batchSize, 0)) {
      statistics.addAll(record(data, indices));
    }
    return statistics;
  }

  /** What the decoder steps predict: {@code y1 .. yn </s>}. */
  private static int[] predictedTokens(int[] target) {
    int[] tokens = Arrays.copyOf(target, target.length + 1);
    tokens[target.length] = Vocabulary.EOS_ID;
    return tokens;
  }

  /** The values of an array in column-major order, copied only when it is not a plain column-major array. */
  private static float[] columnMajor(INDArray array) {
    boolean plain = array.ordering() == 'f' && !array.isView() && array.data().length() == array.length();
    return (plain ? array : array.dup('f')).data().asFloat();
  }
}
