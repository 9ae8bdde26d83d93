package io.g2lstm.model.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Configuration, serialisation and parameter layout of {@link G2LstmLayer}. */
@ExtendWith(SmallShapes.class)
class G2LstmLayerTest {

  @Test
  void defaultsFollowThePaper() {
    G2LstmLayer g2 = new G2LstmLayer.Builder().nIn(3).nOut(4).build();
    assertEquals(GateMode.G2, g2.getGateMode());
    assertEquals(0.9, g2.getTemperature());
    assertEquals(0.2, g2.getNoiseProbability());
    assertEquals(1e-3, g2.getEpsilon());
    assertEquals(1.0, g2.getForgetGateBiasInit());
    assertNull(g2.getNoiseSeed());
    G2LstmLayer sharpened = new G2LstmLayer.Builder().nIn(3).nOut(4).gateMode(GateMode.SHARPENED).build();
    assertEquals(0.2, sharpened.getTemperature());
    G2LstmLayer explicit = new G2LstmLayer.Builder().nIn(3).nOut(4).gateMode(GateMode.SHARPENED)
        .temperature(0.5).build();
    assertEquals(0.5, explicit.getTemperature());
  }

  @Test
  void rejectsSettingsOutOfRangeNamingThem() {
    assertRejected("temperature", new G2LstmLayer.Builder().temperature(0));
    assertRejected("temperature", new G2LstmLayer.Builder().temperature(-0.5));
    assertRejected("noiseProbability", new G2LstmLayer.Builder().noiseProbability(1.5));
    assertRejected("noiseProbability", new G2LstmLayer.Builder().noiseProbability(Double.NaN));
    assertRejected("epsilon", new G2LstmLayer.Builder().epsilon(0));
    assertRejected("activation", new G2LstmLayer.Builder().activation(Activation.RELU));
    assertRejected("gateMode", new G2LstmLayer.Builder().gateMode(null));
  }

  private static void assertRejected(String setting, G2LstmLayer.Builder builder) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> builder.nIn(2).nOut(2).build());
    assertTrue(e.getMessage().contains("'" + setting + "'"), e.getMessage());
  }

  @Test
  void cloneIsDeepAndEqual() {
    G2LstmLayer layer = new G2LstmLayer.Builder().nIn(3).nOut(4).gateMode(GateMode.SHARPENED).temperature(0.3)
        .noiseSeed(5).forgetGateBiasInit(2.0).dropOut(0.8).build();
    G2LstmLayer copy = layer.clone();
    assertNotSame(layer, copy);
    assertEquals(layer, copy);
    assertEquals(layer.hashCode(), copy.hashCode());
    assertNotSame(layer.getIDropout(), copy.getIDropout());
    copy.setNOut(7);
    assertEquals(4, layer.getNOut());
    assertTrue(!layer.equals(copy));
    G2LstmLayer otherSeed = new G2LstmLayer.Builder().nIn(3).nOut(4).gateMode(GateMode.SHARPENED).temperature(0.3)
        .noiseSeed(6).forgetGateBiasInit(2.0).dropOut(0.8).build();
    assertTrue(!layer.equals(otherSeed), "the noise seed takes part in equality");
  }

  @Test
  void computationGraphConfigurationSurvivesJson() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .updater(new Adam(1e-3))
        .graphBuilder()
        .addInputs("in")
        .addLayer("bi", new Bidirectional(new G2LstmLayer.Builder().nOut(5).gateMode(GateMode.G2).temperature(0.7)
            .noiseProbability(0.3).epsilon(1e-4).noiseSeed(42).build()), "in")
        .addLayer("sharp", new G2LstmLayer.Builder().nOut(4).gateMode(GateMode.SHARPENED)
            .forgetGateBiasInit(0.5).dataFormat(RNNFormat.NCW).build(), "bi")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .activation(Activation.SOFTMAX).nOut(3).build(), "sharp")
        .setOutputs("out")
        .setInputTypes(InputType.recurrent(6))
        .build();
    ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());
    assertEquals(conf, restored);
    // checkpoints written while the replica's noise stream was part of the configuration still load
    String older = conf.toJson().replace("\"noiseSeed\" :", "\"noiseStream\" : 0, \"noiseSeed\" :");
    assertTrue(older.contains("noiseStream"));
    assertEquals(conf, ComputationGraphConfiguration.fromJson(older));
    Bidirectional bi = (Bidirectional) ((LayerVertex) restored.getVertices().get("bi")).getLayerConf().getLayer();
    G2LstmLayer forward = (G2LstmLayer) bi.getFwd();
    assertEquals(GateMode.G2, forward.getGateMode());
    assertEquals(0.7, forward.getTemperature());
    assertEquals(0.3, forward.getNoiseProbability());
    assertEquals(1e-4, forward.getEpsilon());
    assertEquals(42L, forward.getNoiseSeed());
    assertEquals(6, forward.getNIn());
    G2LstmLayer sharp = (G2LstmLayer) ((LayerVertex) restored.getVertices().get("sharp")).getLayerConf().getLayer();
    assertEquals(GateMode.SHARPENED, sharp.getGateMode());
    assertEquals(0.2, sharp.getTemperature());
    assertEquals(0.5, sharp.getForgetGateBiasInit());
    assertEquals(10, sharp.getNIn());
  }

  @Test
  void multiLayerConfigurationSurvivesJson() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .list()
        .layer(new G2LstmLayer.Builder().nIn(3).nOut(4).noiseSeed(9).build())
        .layer(new G2LstmLayer.Builder().nIn(4).nOut(4).gateMode(GateMode.BASELINE).build())
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
            .nIn(4).nOut(2).build())
        .build();
    MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());
    assertEquals(conf, restored);
    G2LstmLayer first = (G2LstmLayer) restored.getConf(0).getLayer();
    assertEquals(9L, first.getNoiseSeed());
    assertEquals(GateMode.BASELINE, ((G2LstmLayer) restored.getConf(1).getLayer()).getGateMode());
  }

  @Test
  void parametersAreViewsOfTheFlatVector() {
    G2Lstm layer = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(2).biasInit(0.25)
        .forgetGateBiasInit(1.5).build(), DataType.DOUBLE);
    assertEquals((3 + 2 + 1) * 8, layer.numParams());
    Map<String, INDArray> params = layer.paramTable();
    assertEquals(List.of("W", "RW", "b"), List.copyOf(params.keySet()));
    assertEquals(List.of(3L, 8L), List.of(params.get("W").size(0), params.get("W").size(1)));
    assertEquals(List.of(2L, 8L), List.of(params.get("RW").size(0), params.get("RW").size(1)));
    assertEquals(Nd4j.createFromArray(new double[][] {{0.25, 0.25, 0.25, 0.25, 1.5, 1.5, 0.25, 0.25}}),
        params.get("b"));

    INDArray flat = layer.params();
    flat.putScalar(0, 1, 7.0);
    assertEquals(7.0, params.get("W").getDouble(0, 1));
    params.get("RW").putScalar(1, 3, -3.0);
    assertEquals(-3.0, flat.getDouble(0, 24 + 8 + 3));
    params.get("b").putScalar(0, 7, 9.0);
    assertEquals(9.0, flat.getDouble(0, 47));

    INDArray gradients = layer.getGradientsViewArray();
    Map<String, INDArray> gradientViews = G2LstmParamInitializer.getInstance()
        .getGradientsFromFlattened(layer.conf(), gradients);
    gradientViews.get("RW").putScalar(0, 0, 5.0);
    assertEquals(5.0, gradients.getDouble(0, 24));
  }

  @Test
  void memoryReportCountsParametersAndWorkingMemory() {
    G2LstmLayer layer = new G2LstmLayer.Builder().nIn(8).nOut(16).updater(new Adam(1e-3)).build();
    layer.setLayerName("enc");
    LayerMemoryReport report = layer.getMemoryReport(InputType.recurrent(8, 20));
    assertNotNull(report);
    assertEquals((8 + 16 + 1) * 64, report.getParameterSize());
    assertEquals(2 * report.getParameterSize(), report.getUpdaterStateSize());
    assertEquals(InputType.recurrent(16, 20), report.getOutputType());
    long inference = report.getWorkingMemoryVariableInference();
    long training = report.getWorkingMemoryVariableTrain().get(CacheMode.NONE);
    assertTrue(inference >= 21 * (6 * 16 + 24), "inference working memory per example " + inference);
    assertTrue(training > 2 * inference, "training working memory " + training);
  }
}
