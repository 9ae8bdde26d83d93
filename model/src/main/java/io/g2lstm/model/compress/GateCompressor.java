package io.g2lstm.model.compress;

import io.g2lstm.common.DataException;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.G2LstmLayer;
import io.g2lstm.model.layer.G2LstmParamInitializer;
import io.g2lstm.model.layer.InputFeedingDecoder;
import io.g2lstm.model.layer.InputFeedingDecoderVertex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compresses the input- and forget-gate weights of every G²-LSTM layer of a model: in each layer (each direction of
 * a bidirectional one) the four blocks {@code W[:, input]}, {@code W[:, forget]}, {@code RW[:, input]} and
 * {@code RW[:, forget]} (column layout in {@link G2LstmParamInitializer}). Biases, the output gate and candidate
 * columns, embeddings, attention and the output layer are left as they are.
 *
 * <p>Layers are found by walking the graph, so any graph with G²-LSTM layers (plain or inside DL4J's
 * {@code Bidirectional}) works. Each block is compressed in double precision and written back in the model's type.
 */
public final class GateCompressor {

  private GateCompressor() {}

  /** A compressed copy of a model and what was done to it. */
  public record Compressed(ComputationGraph graph, CompressionReport report) {}

  /** A block and the view of the model's parameters that holds it. */
  private record Located(GateBlock block, INDArray view) {}

  /** Compresses a copy of {@code original} (parameters and optimizer state); {@code original} is not changed. */
  public static Compressed compress(ComputationGraph original, GateCompression method) {
    ComputationGraph copy = original.clone();
    return new Compressed(copy, compressInPlace(copy, method));
  }

  /** Fails with a {@link io.g2lstm.common.ConfigurationException} if {@code method} cannot compress this model. */
  public static void requireApplicable(ComputationGraph graph, GateCompression method) {
    for (Located l : locate(graph)) {
      method.requireApplicable(l.block());
    }
  }

  /**
   * Compresses the gate blocks of {@code graph} in place. Every block is checked against the method first, so a
   * method that cannot be applied (a rank above a block's smaller side) fails before any parameter changes.
   */
  public static CompressionReport compressInPlace(ComputationGraph graph, GateCompression method) {
    List<Located> located = locate(graph);
    List<GateBlock> blocks = new ArrayList<>();
    for (Located l : located) {
      method.requireApplicable(l.block());
      blocks.add(l.block());
    }
    double maxChange = 0;
    for (Located l : located) {
      double[][] original = l.view().toDoubleMatrix();
      l.view().assign(Nd4j.createFromArray(method.apply(original)).castTo(l.view().dataType()));
      double[][] stored = l.view().toDoubleMatrix();
      for (int i = 0; i < original.length; i++) {
        for (int j = 0; j < original[i].length; j++) {
          maxChange = Math.max(maxChange, Math.abs(stored[i][j] - original[i][j]));
        }
      }
    }
    long parameters = 0;
    for (GateBlock block : blocks) {
      parameters += block.parameters();
    }
    double ratio = (double) GateCompression.FLOAT_BITS * parameters
        / method.storedBits(blocks, () -> distinctValues(located));
    return new CompressionReport(method, blocks, parameters, ratio, maxChange);
  }

  /** The gate blocks of every G²-LSTM layer in the graph's topological order, each with its parameter view. */
  private static List<Located> locate(ComputationGraph graph) {
    List<Located> located = new ArrayList<>();
    for (Layer layer : graph.getLayers()) {
      org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
      if (conf instanceof Bidirectional wrapper && wrapper.getFwd() instanceof G2LstmLayer) {
        addBlocks(layer::getParam, conf.getLayerName(), GateBlock.Direction.FORWARD, located);
        addBlocks(layer::getParam, conf.getLayerName(), GateBlock.Direction.BACKWARD, located);
      } else if (conf instanceof G2LstmLayer) {
        addBlocks(layer::getParam, conf.getLayerName(), GateBlock.Direction.NONE, located);
      }
    }
    if (graph.getVertex(TranslationGraph.DECODER) instanceof InputFeedingDecoderVertex decoder) {
      Map<String, INDArray> parameters = decoder.paramTable(false);
      for (int l = 0; l < decoder.getConfig().getLayers(); l++) {
        int layer = l;
        addBlocks(key -> parameters.get(InputFeedingDecoder.key(layer, key)), TranslationGraph.decoderLayer(l),
            GateBlock.Direction.NONE, located);
      }
    }
    if (located.isEmpty()) {
      throw new DataException("gate compression: expected a model with G2-LSTM layers, found none among its layers "
          + Arrays.stream(graph.getLayers()).map(l -> l.conf().getLayer().getLayerName()).toList());
    }
    return located;
  }

  /** The blocks of one G²-LSTM layer, whose parameters {@code parameter} gives by key (W, fRW, ...). */
  private static void addBlocks(Function<String, INDArray> parameter, String name, GateBlock.Direction direction,
      List<Located> located) {
    for (GateBlock.Weights weights : GateBlock.Weights.values()) {
      INDArray matrix = parameter.apply(direction.keyPrefix() + weights.key());
      long hidden = matrix.size(1) / 4;
      for (GateBlock.Gate gate : GateBlock.Gate.values()) {
        INDArray view = G2LstmParamInitializer.gateBlock(matrix, gate.columnBlock(), hidden);
        located.add(new Located(new GateBlock(name, direction, gate, weights, (int) view.size(0),
            (int) view.size(1)), view));
      }
    }
  }

  /** The number of distinct values in all blocks together, as stored. */
  private static long distinctValues(List<Located> located) {
    double[] union = new double[0];
    for (Located l : located) {
      union = GateBlockMath.sortedUnion(union, l.view().dup().data().asDouble());
    }
    return union.length;
  }
}
