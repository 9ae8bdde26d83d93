package io.g2lstm.model.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.layer.GateMode;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * DL4J's numerical gradient check on the whole encoder-decoder (bidirectional first encoder layer, stacked layers,
 * attention, output), in double precision, with padded batches, for every gate mode. DL4J's usual tolerances:
 * relative error 1e-3 unless the absolute error is below 1e-8. The check perturbs every parameter (DL4J's subset
 * option does not apply to graphs), so the model is as small as can still be stacked and padded. Both decoders: the
 * input-feeding one has a hand-written backward pass through its whole recurrence, attention and initial state.
 */
class TranslationGraphGradientTest {

  private static DataType previousDefault;

  @BeforeAll
  static void useDoubles() {
    previousDefault = Nd4j.dataType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @AfterAll
  static void restore() {
    Nd4j.setDefaultDataTypes(previousDefault, previousDefault);
  }

  /** Two pairs of different lengths, so both sides are padded. */
  static ParallelIds tinyCorpus() {
    return new ParallelIds(new long[] {1, 2},
        new int[][] {{4, 5, 4}, {5}},
        new int[][] {{4, 5}, {6}});
  }

  /**
   * G² mode, in training mode with the gate noise on (noise on every element, p = 1): the noise is a function of the
   * seed and the iteration, which a gradient check does not advance, so every evaluation sees the same noise. The
   * layer's own tests check every gate mode; this one checks the whole graph around it.
   */
  @ParameterizedTest
  @EnumSource(DecoderKind.class)
  void gradientsMatchFiniteDifferencesWithMasks(DecoderKind decoder) {
    GateMode mode = GateMode.G2;
    ModelSettings settings = new ModelSettings("check", 3, 4, 2, 0.0, decoder,
        new GateSettings(mode, GateSettings.defaultTemperature(mode), 1.0, 1e-3), 12345);
    ComputationGraph graph = new ComputationGraph(
        TranslationGraph.configure(settings, 6, 7, new NoOp(), DataType.DOUBLE));
    graph.init();
    MultiDataSet batch = Minibatches.encode(tinyCorpus(), new int[] {0, 1}, DataType.DOUBLE);
    boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
        .inputs(batch.getFeatures()).labels(batch.getLabels())
        .inputMask(batch.getFeaturesMaskArrays()).labelMask(batch.getLabelsMaskArrays())
        .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
    assertTrue(ok, "gradient check failed for " + mode + ", " + decoder);
  }
}
