package io.g2lstm.model.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * DL4J's numerical gradient check on the whole encoder-decoder, in double precision, with padded batches (DL4J's
 * usual tolerances: relative error 1e-3 unless the absolute error is below 1e-8; up to 8 elements of every parameter
 * array, to keep the check within seconds).
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

  /** Three pairs of different lengths, so both sides are padded. */
  static ParallelIds tinyCorpus() {
    return new ParallelIds(new long[] {1, 2, 3},
        new int[][] {{4, 5, 6, 7, 8}, {5, 6}, {9, 4, 5}},
        new int[][] {{4, 5, 6}, {7}, {8, 9, 4, 5}});
  }

  @ParameterizedTest
  @EnumSource(value = GateMode.class, names = {"BASELINE", "SHARPENED"})
  void gradientsMatchFiniteDifferencesWithMasks(GateMode mode) {
    ModelSettings settings = new ModelSettings("check", 4, 6, 2, 0.0,
        new GateSettings(mode, GateSettings.defaultTemperature(mode), 0.2, 1e-3), 12345);
    ComputationGraph graph = new ComputationGraph(
        TranslationGraph.configure(settings, 10, 11, new NoOp(), DataType.DOUBLE));
    graph.init();
    MultiDataSet batch = Minibatches.encode(tinyCorpus(), new int[] {0, 1, 2}, DataType.DOUBLE);
    boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
        .inputs(batch.getFeatures()).labels(batch.getLabels())
        .inputMask(batch.getFeaturesMaskArrays()).labelMask(batch.getLabelsMaskArrays())
        .subset(true).maxPerParam(8).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
    assertTrue(ok, "gradient check failed for " + mode);
  }
}
