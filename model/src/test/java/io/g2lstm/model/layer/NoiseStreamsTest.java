package io.g2lstm.model.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.graph.TranslationGraph;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/** Replicas of one model at the same iteration draw different G² noise once they have different streams. */
class NoiseStreamsTest {

  /** Both decoders: the input-feeding one draws the noise of its layers itself. */
  @ParameterizedTest
  @EnumSource(DecoderKind.class)
  void streamZeroKeepsTheNoiseAndOtherStreamsChangeIt(DecoderKind decoder) {
    MultiDataSet batch = batch();
    ComputationGraph plain = graph(decoder);
    ComputationGraph zero = graph(decoder);
    ComputationGraph one = graph(decoder);
    NoiseStreams.assign(zero, 0);
    NoiseStreams.assign(one, 1);

    double plainScore = plain.score(batch, true);
    assertEquals(plainScore, zero.score(batch, true), 0.0);
    assertNotEquals(plainScore, one.score(batch, true));
    // Inference draws no noise, so the stream does not matter there.
    assertEquals(plain.score(batch, false), one.score(batch, false), 0.0);
  }

  @Test
  void bothDirectionsOfTheBidirectionalEncoderGetTheStream() {
    ComputationGraph graph = graph();
    NoiseStreams.assign(graph, 3);
    assertEquals(3, NoiseStreams.of(graph.getLayer("encoder-0")));
    assertEquals(3, NoiseStreams.of(graph.getLayer("decoder-1")));
  }

  /** Copies made as deeplearning4j-spark's workers make them share the configurations inside Bidirectional. */
  @Test
  void replicasOfOneConfigurationKeepTheirOwnStreams() {
    ComputationGraph first = graph();
    ComputationGraph second = new ComputationGraph(first.getConfiguration().clone());
    second.init(first.params().dup(), false);
    NoiseStreams.assign(first, 1);
    NoiseStreams.assign(second, 2);
    assertEquals(1, NoiseStreams.of(first.getLayer("encoder-0")));
    assertEquals(2, NoiseStreams.of(second.getLayer("encoder-0")));
    MultiDataSet batch = batch();
    ComputationGraph alone = graph();
    NoiseStreams.assign(alone, 1);
    assertEquals(alone.score(batch, true), first.score(batch, true), 0.0, "the first replica draws stream 1");
  }

  private static ComputationGraph graph() {
    return graph(DecoderKind.ATTENTION_AFTER);
  }

  private static ComputationGraph graph(DecoderKind decoder) {
    ModelSettings settings = new ModelSettings("streams", 6, 8, 2, 0.0, decoder,
        new GateSettings(GateMode.G2, 0.9, 0.5, 1e-3), 7);
    ComputationGraph graph = new ComputationGraph(
        TranslationGraph.configure(settings, 10, 10, new Adam(0.01), DataType.DOUBLE));
    graph.init();
    return graph;
  }

  private static MultiDataSet batch() {
    ParallelIds data = new ParallelIds(new long[] {0, 1},
        new int[][] {{4, 5, 6}, {7, 8}}, new int[][] {{6, 5, 4}, {8, 7}});
    return Minibatches.encode(data, new int[] {0, 1}, DataType.DOUBLE);
  }
}
