package io.g2lstm.model.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.model.layer.InputFeedingDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Compression of a whole translation graph: 2 encoder and 2 decoder layers, embeddings of 3, hidden size 8, so the
 * bidirectional encoder-0 has H = 4 per direction and nIn = 3 (W blocks [3, 4], RW blocks [4, 4]), encoder-1 and
 * decoder-1 have [8, 8] blocks and decoder-0 W blocks of [3, 8]. Parameters are drawn uniformly from [-2, 2] so that
 * rounding and clipping both have work to do.
 */
class GateCompressorTest {

  private static final int LAYERS = 2;

  /** The layers and the keys of their weight matrices, written out rather than found the way the compressor does. */
  private static final Map<String, List<String>> GATE_WEIGHTS = Map.of(
      TranslationGraph.encoderLayer(0), List.of("fW", "fRW", "bW", "bRW"),
      TranslationGraph.encoderLayer(1), List.of("W", "RW"),
      TranslationGraph.decoderLayer(0), List.of("W", "RW"),
      TranslationGraph.decoderLayer(1), List.of("W", "RW"));

  private static ComputationGraph graph() {
    ModelSettings settings = new ModelSettings("compress", 3, 8, LAYERS, 0.0, DecoderKind.ATTENTION_AFTER,
        new GateSettings(GateMode.G2, 0.9, 0.2, 1e-3), 7);
    ComputationGraph graph = new ComputationGraph(
        TranslationGraph.configure(settings, 6, 7, new Adam(0.01), DataType.FLOAT));
    graph.init();
    Nd4j.getRandom().setSeed(11);
    graph.params().assign(Nd4j.rand(DataType.FLOAT, graph.params().shape()).muli(4).subi(2));
    return graph;
  }

  private static float[] values(INDArray array) {
    return array.dup('c').data().asFloat();
  }

  private static INDArray gateColumns(INDArray weights, int gate) {
    long h = weights.size(1) / 4;
    return weights.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * h, (gate + 1) * h));
  }

  private static String name(Layer layer) {
    return layer.conf().getLayer().getLayerName();
  }

  /**
   * Checks that {@code compressed} differs from {@code original} exactly in the input- and forget-gate columns of the
   * G²-LSTM weight matrices, where it holds {@code expected} of the original values (elementwise, in float), and
   * that everything else, biases included, is bit-identical. Returns the largest change.
   */
  private static double assertOnlyGateBlocksChanged(ComputationGraph original, ComputationGraph compressed,
      DoubleUnaryOperator expected) {
    double largestChange = 0;
    long changedInBlocks = 0;
    Set<String> visited = new LinkedHashSet<>();
    for (Layer layer : original.getLayers()) {
      for (Map.Entry<String, INDArray> parameter : layer.paramTable().entrySet()) {
        INDArray before = parameter.getValue();
        INDArray after = compressed.getLayer(name(layer)).getParam(parameter.getKey());
        String where = name(layer) + " " + parameter.getKey();
        if (!GATE_WEIGHTS.getOrDefault(name(layer), List.of()).contains(parameter.getKey())) {
          assertArrayEquals(values(before), values(after), where);
          continue;
        }
        visited.add(where);
        for (int gate = 0; gate < 4; gate++) {
          float[] from = values(gateColumns(before, gate));
          float[] to = values(gateColumns(after, gate));
          if (gate == 0 || gate == 3) {
            assertArrayEquals(from, to, where + " gate " + gate);
            continue;
          }
          for (int i = 0; i < from.length; i++) {
            assertEquals((float) expected.applyAsDouble(from[i]), to[i], 1e-6f, where + " gate " + gate + " [" + i
                + "]");
            largestChange = Math.max(largestChange, Math.abs((double) to[i] - from[i]));
            changedInBlocks += from[i] != to[i] ? 1 : 0;
          }
        }
      }
    }
    assertEquals(10, visited.size(), "weight matrices visited: " + visited);
    // the flat parameter vector (what is saved) differs exactly where the blocks do: nothing else changed
    float[] flatBefore = values(original.params());
    float[] flatAfter = values(compressed.params());
    long changed = 0;
    for (int i = 0; i < flatBefore.length; i++) {
      changed += Float.floatToIntBits(flatBefore[i]) != Float.floatToIntBits(flatAfter[i]) ? 1 : 0;
    }
    assertEquals(changedInBlocks, changed);
    assertTrue(changed > 0);
    return largestChange;
  }

  /**
   * In an input-feeding model the decoder's layers live in one vertex: their W and RW input- and forget-gate columns
   * are compressed (4 blocks per layer), and every other parameter of the vertex stays bit-identical.
   */
  @Test
  void theInputFeedingDecoderLayersAreCompressed() {
    ModelSettings settings = new ModelSettings("compress", 3, 8, LAYERS, 0.0, DecoderKind.INPUT_FEEDING,
        new GateSettings(GateMode.G2, 0.9, 0.2, 1e-3), 7);
    ComputationGraph original = new ComputationGraph(
        TranslationGraph.configure(settings, 6, 7, new Adam(0.01), DataType.FLOAT));
    original.init();
    original.params().assign(Nd4j.rand(DataType.FLOAT, original.params().shape()).muli(4).subi(2));
    GateCompressor.Compressed compressed = GateCompressor.compress(original, new GateCompression.RoundClip(0.5, 1.0));
    for (int l = 0; l < LAYERS; l++) {
      String layer = TranslationGraph.decoderLayer(l);
      assertEquals(4, compressed.report().blocks().stream().filter(b -> b.layer().equals(layer)).count(), layer);
    }
    Map<String, INDArray> before = original.getVertex(TranslationGraph.DECODER).paramTable(false);
    Map<String, INDArray> after = compressed.graph().getVertex(TranslationGraph.DECODER).paramTable(false);
    for (Map.Entry<String, INDArray> parameter : before.entrySet()) {
      String key = parameter.getKey();
      // per layer l: lW and lRW hold gates; lb, linitW, linitb and the attention's Wa, Wc do not
      boolean gateWeights = key.endsWith("W") && !key.endsWith(InputFeedingDecoder.INIT_WEIGHTS);
      for (int gate = 0; gate < 4; gate++) {
        if (!gateWeights) {
          assertArrayEquals(values(parameter.getValue()), values(after.get(key)), key);
          break;
        }
        float[] from = values(gateColumns(parameter.getValue(), gate));
        float[] to = values(gateColumns(after.get(key), gate));
        for (int i = 0; i < from.length; i++) {
          float expected = gate == 1 || gate == 2 ? (float) Math.min(1.0, Math.max(-1.0, Math.rint(from[i] / 0.5)
              * 0.5)) : from[i];
          assertEquals(expected, to[i], 1e-6f, key + " gate " + gate + " [" + i + "]");
        }
      }
    }
  }

  @Test
  void roundAndClipChangeExactlyTheInputAndForgetBlocks() {
    ComputationGraph original = graph();
    float[] untouched = values(original.params());
    GateCompressor.Compressed compressed = GateCompressor.compress(original, new GateCompression.RoundClip(0.5, 1.0));
    double largest = assertOnlyGateBlocksChanged(original, compressed.graph(),
        x -> Math.min(1.0, Math.max(-1.0, Math.rint(x / 0.5) * 0.5)));
    assertEquals(largest, compressed.report().maxAbsoluteChange());
    assertArrayEquals(untouched, values(original.params()), "the original is not changed");
  }

  @Test
  void roundedValuesLieOnTheGridAndWithinTheClip() {
    ComputationGraph graph = graph();
    CompressionReport report = GateCompressor.compressInPlace(graph, new GateCompression.RoundClip(0.25, 0.75));
    Set<Float> seen = new LinkedHashSet<>();
    for (GateBlock block : report.blocks()) {
      INDArray weights = graph.getLayer(block.layer()).getParam(block.parameterKey());
      for (float v : values(gateColumns(weights, block.gate().columnBlock()))) {
        assertTrue(Math.abs(v) <= 0.75f, block.label() + ": " + v);
        assertEquals(Math.rint(v / 0.25), v / 0.25, 1e-6, block.label() + ": " + v);
        seen.add(v == 0 ? 0f : v);
      }
    }
    // weights in [-2, 2]: every point of the grid within the clip occurs
    assertEquals(Set.of(-0.75f, -0.5f, -0.25f, 0f, 0.25f, 0.5f, 0.75f), seen);
  }

  @Test
  void roundingWithoutClipKeepsLargeValues() {
    ComputationGraph original = graph();
    GateCompressor.Compressed compressed = GateCompressor.compress(original, new GateCompression.Round(0.5));
    double largest = assertOnlyGateBlocksChanged(original, compressed.graph(), x -> Math.rint(x / 0.5) * 0.5);
    assertTrue(largest <= 0.25 + 1e-6, "rounding moves a value by at most half a step: " + largest);
  }

  @Test
  void blocksOfEveryLayerAndDirectionAreReported() {
    CompressionReport report = GateCompressor.compressInPlace(graph(), new GateCompression.Round(0.5));
    List<String> labels = report.blocks().stream().map(GateBlock::label).toList();
    List<String> expected = new ArrayList<>();
    for (String direction : List.of("forward", "backward")) {
      for (String weights : List.of("W[:, input] [3 x 4]", "W[:, forget] [3 x 4]", "RW[:, input] [4 x 4]",
          "RW[:, forget] [4 x 4]")) {
        expected.add("encoder-0 " + direction + " " + weights);
      }
    }
    for (String layer : List.of("encoder-1", "decoder-0", "decoder-1")) {
      int nIn = layer.equals("decoder-0") ? 3 : 8;
      expected.addAll(List.of(layer + " W[:, input] [" + nIn + " x 8]", layer + " W[:, forget] [" + nIn + " x 8]",
          layer + " RW[:, input] [8 x 8]", layer + " RW[:, forget] [8 x 8]"));
    }
    // the graph's layer order is topological, so only the set of blocks is fixed
    assertEquals(Set.copyOf(expected), Set.copyOf(labels));
    assertEquals(expected.size(), labels.size());
  }

  /**
   * The ratios by hand. Gate parameters (sum of m n): encoder-0, per direction, 2 [3, 4] and 2 [4, 4] blocks;
   * encoder-1 and decoder-1 4 [8, 8] each; decoder-0 2 [3, 8] and 2 [8, 8]. With rank 2 each block keeps 2 (m + n).
   */
  @Test
  void lowRankRatioIsTheParametersOverTheFactorSizes() {
    int parameters = 2 * (2 * 3 * 4 + 2 * 4 * 4) + 2 * 4 * 8 * 8 + (2 * 3 * 8 + 2 * 8 * 8);
    int factors = 2 * (2 * 2 * (3 + 4) + 2 * 2 * (4 + 4)) + 2 * 4 * 2 * (8 + 8) + (2 * 2 * (3 + 8) + 2 * 2 * (8 + 8));
    assertEquals(800, parameters);
    assertEquals(484, factors);
    CompressionReport report = GateCompressor.compressInPlace(graph(), new GateCompression.LowRank(2));
    assertEquals(parameters, report.parameters());
    assertEquals((double) parameters / factors, report.compressionRatio(), 1e-12);
  }

  /**
   * Weights in [-2, 2]: rounding to 0.5 and clipping to 0.5 leaves {-0.5, 0, 0.5}, 2 bits; clipping to 1 leaves 5
   * values, 3 bits; rounding alone to 0.5 leaves the 9 multiples from -2 to 2, 4 bits; rounding to 10 leaves only 0
   * (and -0, the same value), which still takes 1 bit.
   */
  @Test
  void roundingRatioIsThirtyTwoBitsOverTheIndexBits() {
    assertEquals(32.0 / 2, GateCompressor.compressInPlace(graph(), new GateCompression.RoundClip(0.5, 0.5))
        .compressionRatio());
    assertEquals(32.0 / 3, GateCompressor.compressInPlace(graph(), new GateCompression.RoundClip(0.5, 1.0))
        .compressionRatio());
    assertEquals(32.0 / 4, GateCompressor.compressInPlace(graph(), new GateCompression.Round(0.5))
        .compressionRatio());
    assertEquals(32.0, GateCompressor.compressInPlace(graph(), new GateCompression.Round(10))
        .compressionRatio());
  }

  @Test
  void lowRankBlocksHaveTheRankAndTheEckartYoungError() {
    ComputationGraph original = graph();
    ComputationGraph compressed = GateCompressor.compress(original, new GateCompression.LowRank(2)).graph();
    int checked = 0;
    for (Map.Entry<String, List<String>> layer : GATE_WEIGHTS.entrySet()) {
      for (String key : layer.getValue()) {
        for (int gate = 1; gate <= 2; gate++) {
          INDArray before = gateColumns(original.getLayer(layer.getKey()).getParam(key), gate).castTo(DataType.DOUBLE);
          INDArray after = gateColumns(compressed.getLayer(layer.getKey()).getParam(key), gate)
              .castTo(DataType.DOUBLE);
          double[] singular = singularValues(before);
          double[] kept = singularValues(after);
          String where = layer.getKey() + " " + key + " gate " + gate;
          assertTrue(kept[1] > 1e-3 * kept[0] && kept[2] < 1e-5 * kept[0], where + ": " + Arrays.toString(kept));
          double tail = 0;
          for (int i = 2; i < singular.length; i++) {
            tail += singular[i] * singular[i];
          }
          assertEquals(Math.sqrt(tail), before.sub(after).norm2Number().doubleValue(), 1e-5, where);
          checked++;
        }
      }
    }
    assertEquals(20, checked);
  }

  @Test
  void fullRankLeavesTheBlocksAsTheyWere() {
    // rank 3 is the smaller side of the [3, 4] and [3, 8] blocks: those come back unchanged, up to float rounding
    ComputationGraph original = graph();
    GateCompressor.Compressed compressed = GateCompressor.compress(original, new GateCompression.LowRank(3));
    int checked = 0;
    for (GateBlock block : compressed.report().blocks()) {
      if (block.rows() == 3) {
        INDArray before = gateColumns(original.getLayer(block.layer()).getParam(block.parameterKey()),
            block.gate().columnBlock());
        INDArray after = gateColumns(compressed.graph().getLayer(block.layer()).getParam(block.parameterKey()),
            block.gate().columnBlock());
        assertArrayEquals(values(before), values(after), 1e-5f, block.label());
        checked++;
      }
    }
    assertEquals(6, checked);
  }

  @Test
  void impossibleRankFailsBeforeAnythingChanges() {
    ComputationGraph graph = graph();
    float[] before = values(graph.params());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> GateCompressor.compressInPlace(graph, new GateCompression.LowRank(4)));
    // the [3 x 4] blocks of encoder-0 and the [3 x 8] ones of decoder-0 both have 3 rows; which is met first
    // depends on the graph's layer order
    assertTrue(e.getMessage().contains("rank") && e.getMessage().contains("found 4")
        && e.getMessage().contains("expected at most 3")
        && (e.getMessage().contains("encoder-0 forward W[:, input] [3 x 4]")
        || e.getMessage().contains("decoder-0 W[:, input] [3 x 8]")), e.getMessage());
    assertArrayEquals(before, values(graph.params()));
  }

  @Test
  void aModelWithoutG2LstmLayersIsRefused() {
    ComputationGraph dense = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
        .addInputs("in")
        .addLayer("hidden", new DenseLayer.Builder().nIn(3).nOut(4).build(), "in")
        .addLayer("out", new OutputLayer.Builder().nIn(4).nOut(2).build(), "hidden")
        .setOutputs("out").build());
    dense.init();
    DataException e = assertThrows(DataException.class,
        () -> GateCompressor.compressInPlace(dense, new GateCompression.Round(0.5)));
    assertTrue(e.getMessage().contains("expected a model with G2-LSTM layers")
        && e.getMessage().contains("hidden"), e.getMessage());
  }

  /** Singular values by LAPACK (through ND4J), largest first. */
  private static double[] singularValues(INDArray matrix) {
    INDArray values = Nd4j.create(DataType.DOUBLE, Math.min(matrix.rows(), matrix.columns()));
    Nd4j.getBlasWrapper().lapack().gesvd(matrix.dup('f'), values, null, null);
    return values.toDoubleVector();
  }
}
