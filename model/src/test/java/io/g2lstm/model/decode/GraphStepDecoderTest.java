package io.g2lstm.model.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.GateMode;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/** The incremental decoder computes what the training graph computes with teacher forcing, for both decoders. */
class GraphStepDecoderTest {

  static Stream<Arguments> decodersAndGates() {
    return Stream.of(DecoderKind.values()).flatMap(decoder -> Stream.of(GateMode.values())
        .map(mode -> Arguments.of(decoder, mode)));
  }

  @ParameterizedTest
  @MethodSource("decodersAndGates")
  void stepByStepLogitsEqualTeacherForcedOnes(DecoderKind decoderKind, GateMode mode) {
    ModelSettings settings = new ModelSettings("step", 8, 10, 2, 0.3, decoderKind,
        new GateSettings(mode, GateSettings.defaultTemperature(mode), 0.2, 1e-3), 7);
    ComputationGraph graph = new ComputationGraph(
        TranslationGraph.configure(settings, 13, 17, new Adam(1e-3), DataType.FLOAT));
    graph.init();
    ParallelIds data = new ParallelIds(new long[] {1, 2, 3},
        new int[][] {{4, 5, 6, 7, 8, 9}, {5, 6}, {9, 4, 5, 12}},
        new int[][] {{4, 5, 6, 16}, {7}, {8, 9, 4}});
    int[] rows = {0, 1, 2};
    MultiDataSet batch = Minibatches.encode(data, rows, DataType.FLOAT);
    graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
    INDArray probabilities = graph.output(false, batch.getFeatures())[0];
    graph.clearLayerMaskArrays();

    GraphStepDecoder decoder = new GraphStepDecoder(graph, settings.layers());
    decoder.start(data.source());
    // Reordering with the identity permutation after duplicating must keep rows intact.
    decoder.reorder(new int[] {0, 1, 2, 2});
    decoder.reorder(new int[] {0, 1, 2});
    INDArray targetIn = batch.getFeatures(1);
    for (int t = 0; t < targetIn.size(1); t++) {
      int[] previous = new int[rows.length];
      for (int r = 0; r < rows.length; r++) {
        previous[r] = targetIn.getInt(r, t);
      }
      float[] stepped = decoder.step(previous);
      for (int r = 0; r < rows.length; r++) {
        if (t > data.target()[r].length) {
          continue; // padding
        }
        for (int v = 0; v < 17; v++) {
          assertEquals(Math.log(probabilities.getDouble(r, v, t)), Math.log(stepped[r * 17 + v]), 1e-5,
              decoderKind + ", " + mode + ": row " + r + " position " + t + " token " + v);
        }
      }
    }
  }
}
