package io.g2lstm.model.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The layer in use: masking and padding, stateful evaluation, noise, dropout, data formats and truncated BPTT,
 * inside graphs and alone.
 */
@ExtendWith(SmallShapes.class)
class G2LstmBehaviourTest {

  private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

  /** Pads a batch with more masked steps, filled with values that must not matter. */
  private static INDArray padInput(INDArray input, int extraSteps) {
    INDArray padded = G2TestNets.input(99, (int) input.size(0), (int) input.size(1),
        (int) input.size(2) + extraSteps);
    padded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, input.size(2))).assign(input);
    return padded;
  }

  private static INDArray padMask(INDArray mask, int extraSteps) {
    INDArray padded = Nd4j.zeros(DataType.DOUBLE, mask.size(0), mask.size(1) + extraSteps);
    padded.get(NDArrayIndex.all(), NDArrayIndex.interval(0, mask.size(1))).assign(mask);
    return padded;
  }

  /** Output values at the real steps (mask 1) of {@code output} {@code [b, size, T]}, example by example. */
  private static double[] realSteps(INDArray output, INDArray mask) {
    double[] values = new double[(int) (mask.sumNumber().doubleValue() * output.size(1))];
    int k = 0;
    for (int i = 0; i < mask.size(0); i++) {
      for (int t = 0; t < mask.size(1); t++) {
        if (mask.getDouble(i, t) == 1) {
          for (int j = 0; j < output.size(1); j++) {
            values[k++] = output.getDouble(i, j, t);
          }
        }
      }
    }
    return values;
  }

  private static double maxDifference(INDArray a, INDArray b) {
    assertArrayEquals(a.shape(), b.shape());
    return a.sub(b).amaxNumber().doubleValue();
  }

  /** Exact equality (INDArray.equals allows 1e-5). */
  private static void assertExactlyEqual(INDArray expected, INDArray actual, String message) {
    assertEquals(0.0, maxDifference(expected, actual), message);
  }

  @ParameterizedTest
  @EnumSource(value = GateMode.class, names = {"BASELINE", "SHARPENED"})
  void paddingDoesNotChangeTheLayerOutputs(GateMode mode) {
    G2Lstm layer = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).gateMode(mode).build(),
        DataType.DOUBLE);
    INDArray input = G2TestNets.input(1, 3, 3, 5);
    INDArray mask = G2TestNets.mask(5, 5, 2, 4);
    layer.setMaskArray(mask);
    INDArray output = layer.activate(input, true, NO_WORKSPACES).dup();
    INDArray paddedMask = padMask(mask, 3);
    layer.setMaskArray(paddedMask);
    INDArray padded = layer.activate(padInput(input, 3), true, NO_WORKSPACES);
    assertArrayEquals(realSteps(output, mask), realSteps(padded, paddedMask), 1e-13);
    INDArray maskedOutputs = padded.mul(paddedMask.rsub(1.0).reshape(3, 1, 8));
    assertEquals(0.0, maskedOutputs.amaxNumber().doubleValue(), "outputs at padded steps are 0");
  }

  @Test
  void paddingDoesNotChangeBidirectionalGraphOutputsOrGradients() {
    ComputationGraph graph = G2TestNets.stackedGraph(GateMode.SHARPENED);
    INDArray input = G2TestNets.input(3, 3, G2TestNets.FEATURES, 5);
    INDArray labels = G2TestNets.labels(4, 3, G2TestNets.CLASSES, 5);
    INDArray mask = G2TestNets.mask(5, 5, 3, 1);
    INDArray paddedMask = padMask(mask, 4);
    INDArray paddedInput = padInput(input, 4);
    INDArray paddedLabels = Nd4j.zeros(DataType.DOUBLE, 3, G2TestNets.CLASSES, 9);
    paddedLabels.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 5)).assign(labels);

    INDArray bi = activations(graph, input, mask).get("bi");
    assertEquals(8, bi.size(1), "both directions concatenated");
    double[] expected = realSteps(bi, mask);
    Map<String, INDArray> paddedActivations = activations(graph, paddedInput, paddedMask);
    assertArrayEquals(expected, realSteps(paddedActivations.get("bi"), paddedMask), 1e-13);

    Gradient gradient = gradientOf(graph, input, labels, mask);
    double score = graph.score();
    Gradient paddedGradient = gradientOf(graph, paddedInput, paddedLabels, paddedMask);
    assertEquals(score, graph.score(), 1e-13);
    for (Map.Entry<String, INDArray> e : gradient.gradientForVariable().entrySet()) {
      INDArray padded = paddedGradient.gradientForVariable().get(e.getKey());
      assertTrue(maxDifference(e.getValue(), padded) < 1e-13, e.getKey() + " depends on padding");
    }
  }

  private static Map<String, INDArray> activations(ComputationGraph graph, INDArray input, INDArray mask) {
    graph.setLayerMaskArrays(new INDArray[] {mask}, null);
    Map<String, INDArray> activations = graph.feedForward(new INDArray[] {input}, false);
    graph.clearLayerMaskArrays();
    return activations;
  }

  private static Gradient gradientOf(ComputationGraph graph, INDArray input, INDArray labels, INDArray mask) {
    graph.setInputs(input);
    graph.setLabels(labels);
    graph.setLayerMaskArrays(new INDArray[] {mask}, new INDArray[] {mask});
    graph.computeGradientAndScore();
    Gradient copy = new DefaultGradient();
    graph.gradient().gradientForVariable().forEach((k, v) -> copy.gradientForVariable().put(k, v.dup()));
    graph.clearLayerMaskArrays();
    return copy;
  }

  @Test
  void stateIsCarriedThroughMaskedSteps() {
    G2Lstm layer = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).build(), DataType.DOUBLE);
    INDArray input = G2TestNets.input(5, 2, 3, 6);
    INDArray mask = G2TestNets.mask(6, 6, 3);
    layer.setMaskArray(mask);
    INDArray output = layer.rnnTimeStep(input, NO_WORKSPACES).dup();
    INDArray finalHidden = layer.rnnGetPreviousState().get(G2Lstm.STATE_KEY_PREV_ACTIVATION);
    assertExactlyEqual(output.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(5)),
        finalHidden.getRow(0), "the first example's state is its last output");
    assertExactlyEqual(output.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.point(2)),
        finalHidden.getRow(1), "the second example's state is the one after its last real step");
    INDArray cells = layer.cellStates();
    assertExactlyEqual(cells.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.point(2)),
        cells.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.point(5)), "the cell is carried");
  }

  @Test
  void stepByStepEvaluationEqualsTheFullSequence() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.DOUBLE)
        .seed(3)
        .weightInit(WeightInit.XAVIER)
        .graphBuilder()
        .addInputs("in")
        .addLayer("first", G2TestNets.layer(5, GateMode.G2), "in")
        .addLayer("second", G2TestNets.layer(4, GateMode.SHARPENED), "first")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .activation(Activation.SOFTMAX).nOut(2).build(), "second")
        .setOutputs("out")
        .setInputTypes(InputType.recurrent(3))
        .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    INDArray input = G2TestNets.input(6, 2, 3, 7);
    INDArray full = graph.outputSingle(input);
    for (int t = 0; t < 7; t++) {
      INDArray step = input.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1));
      INDArray out = graph.rnnTimeStep(t % 2 == 0 ? step : step.reshape(2, 3))[0];
      INDArray expected = full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
      assertTrue(maxDifference(expected, out.reshape(2, 2)) < 1e-14, "step " + t);
    }
    graph.rnnClearPreviousState();
    INDArray restarted = graph.rnnTimeStep(input)[0];
    assertTrue(maxDifference(full, restarted) < 1e-14, "cleared state starts from zeros");
  }

  @Test
  void initialStateFromThePreviousStateMap() {
    G2Lstm layer = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).build(), DataType.DOUBLE);
    INDArray input = G2TestNets.input(7, 2, 3, 6);
    INDArray whole = layer.rnnTimeStep(input, NO_WORKSPACES).dup();
    layer.rnnClearPreviousState();
    layer.rnnTimeStep(input.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2)),
        NO_WORKSPACES);
    Map<String, INDArray> state = layer.rnnGetPreviousState();
    layer.rnnClearPreviousState();
    layer.rnnSetPreviousState(Map.of(G2Lstm.STATE_KEY_PREV_ACTIVATION,
        state.get(G2Lstm.STATE_KEY_PREV_ACTIVATION).dup(), G2Lstm.STATE_KEY_PREV_MEMCELL,
        state.get(G2Lstm.STATE_KEY_PREV_MEMCELL).dup()));
    INDArray rest = layer.rnnTimeStep(
        input.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 6)), NO_WORKSPACES);
    assertTrue(maxDifference(whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 6)),
        rest) < 1e-14);
  }

  @Test
  void noiseIsSeededByIterationAndEpoch() {
    G2Lstm layer = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).noiseSeed(11).build(),
        DataType.DOUBLE);
    G2Lstm twin = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).noiseSeed(11).build(),
        DataType.DOUBLE);
    twin.setParams(layer.params());
    INDArray input = G2TestNets.input(8, 2, 3, 5);
    INDArray inference = layer.activate(input, false, NO_WORKSPACES).dup();
    layer.setIterationCount(3);
    twin.setIterationCount(3);
    INDArray noisy = layer.activate(input, true, NO_WORKSPACES).dup();
    assertTrue(maxDifference(noisy, inference) > 1e-3, "training adds noise");
    assertExactlyEqual(noisy, layer.activate(input, true, NO_WORKSPACES), "same iteration, same noise");
    assertExactlyEqual(noisy, twin.activate(input, true, NO_WORKSPACES), "same seed, same noise");
    layer.setIterationCount(4);
    assertTrue(maxDifference(noisy, layer.activate(input, true, NO_WORKSPACES)) > 1e-3, "next iteration");
    layer.setIterationCount(3);
    layer.setEpochCount(1);
    assertTrue(maxDifference(noisy, layer.activate(input, true, NO_WORKSPACES)) > 1e-3, "next epoch");
    G2Lstm otherSeed = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).noiseSeed(12).build(),
        DataType.DOUBLE);
    otherSeed.setParams(layer.params());
    otherSeed.setIterationCount(3);
    assertTrue(maxDifference(noisy, otherSeed.activate(input, true, NO_WORKSPACES)) > 1e-3, "other seed");
  }

  @Test
  void resumedTrainingDrawsTheSameNoise() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.DOUBLE)
        .seed(5)
        .updater(new Sgd(0.1))
        .weightInit(WeightInit.XAVIER)
        .graphBuilder()
        .addInputs("in")
        .addLayer("g2", new G2LstmLayer.Builder().nOut(4).noiseProbability(0.5).build(), "in")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .activation(Activation.SOFTMAX).nOut(2).build(), "g2")
        .setOutputs("out")
        .setInputTypes(InputType.recurrent(3))
        .build();
    MultiDataSet data = new MultiDataSet(G2TestNets.input(9, 4, 3, 6), G2TestNets.labels(10, 4, 2, 6));
    ComputationGraph uninterrupted = new ComputationGraph(conf.clone());
    uninterrupted.init();
    uninterrupted.fit(data);
    uninterrupted.fit(data);

    ComputationGraph interrupted = new ComputationGraph(conf.clone());
    interrupted.init();
    interrupted.fit(data);
    ComputationGraph resumed = new ComputationGraph(
        ComputationGraphConfiguration.fromJson(interrupted.getConfiguration().toJson()));
    resumed.init(interrupted.params().dup(), true);
    resumed.fit(data);
    assertExactlyEqual(uninterrupted.params(), resumed.params(), "resumed training continues with the same noise");

    ComputationGraph unseeded = new ComputationGraph(conf.clone());
    unseeded.init();
    unseeded.fit(data);
    unseeded.getConfiguration().setIterationCount(5);
    unseeded.fit(data);
    assertTrue(maxDifference(uninterrupted.params(), unseeded.params()) > 1e-6, "another iteration, other noise");
  }

  @Test
  void directionsOfABidirectionalLayerDrawDifferentNoise() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.DOUBLE)
        .seed(8)
        .graphBuilder()
        .addInputs("in")
        .addLayer("bi", new Bidirectional(Bidirectional.Mode.CONCAT, G2TestNets.layer(3, GateMode.G2)), "in")
        .setOutputs("bi")
        .setInputTypes(InputType.recurrent(2))
        .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    Map<String, INDArray> params = graph.getLayer("bi").paramTable();
    for (String key : new String[] {"W", "RW", "b"}) {
      params.get("b" + key).assign(params.get("f" + key));
    }
    INDArray half = G2TestNets.input(12, 2, 2, 3);
    INDArray palindrome = Nd4j.concat(2, half, half.get(NDArrayIndex.all(), NDArrayIndex.all(),
        NDArrayIndex.indices(2, 1, 0)));
    INDArray inference = graph.outputSingle(false, palindrome);
    assertTrue(mirrored(inference) < 1e-14, "same parameters and input give mirrored directions");
    INDArray training = graph.outputSingle(true, palindrome);
    assertTrue(mirrored(training) > 1e-3, "the two directions draw their own noise");
  }

  /** Largest difference between the forward half at step t and the backward half at step T-1-t. */
  private static double mirrored(INDArray output) {
    long h = output.size(1) / 2;
    long steps = output.size(2);
    double worst = 0;
    for (long t = 0; t < steps; t++) {
      INDArray forward = output.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h), NDArrayIndex.point(t));
      INDArray backward = output.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h),
          NDArrayIndex.point(steps - 1 - t));
      worst = Math.max(worst, maxDifference(forward, backward));
    }
    return worst;
  }

  @Test
  void g2InferenceIsTheStandardLstmAndSharpenedGatesHaveNoNoise() {
    G2Lstm g2 = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).build(), DataType.DOUBLE);
    G2Lstm baseline = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4)
        .gateMode(GateMode.BASELINE).build(), DataType.DOUBLE);
    G2Lstm sharpened = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4)
        .gateMode(GateMode.SHARPENED).build(), DataType.DOUBLE);
    baseline.setParams(g2.params());
    sharpened.setParams(g2.params());
    INDArray input = G2TestNets.input(13, 2, 3, 5);
    INDArray standard = baseline.activate(input, true, NO_WORKSPACES).dup();
    assertExactlyEqual(standard, baseline.activate(input, false, NO_WORKSPACES), "baseline has no training noise");
    assertExactlyEqual(standard, g2.activate(input, false, NO_WORKSPACES), "G2 inference is the standard LSTM");
    INDArray sharp = sharpened.activate(input, true, NO_WORKSPACES).dup();
    assertExactlyEqual(sharp, sharpened.activate(input, false, NO_WORKSPACES), "sharpened has no training noise");
    assertTrue(maxDifference(sharp, standard) > 1e-3);
    INDArray inputGate = sharpened.gateValues(G2LstmParamInitializer.INPUT_GATE);
    INDArray forgetGate = sharpened.gateValues(G2LstmParamInitializer.FORGET_GATE);
    baseline.activate(input, false, NO_WORKSPACES);
    assertTrue(distanceFromBinary(inputGate) < distanceFromBinary(
        baseline.gateValues(G2LstmParamInitializer.INPUT_GATE)), "sharpened input gates are nearer 0 or 1");
    assertTrue(distanceFromBinary(forgetGate) < distanceFromBinary(
        baseline.gateValues(G2LstmParamInitializer.FORGET_GATE)), "sharpened forget gates are nearer 0 or 1");
  }

  private static double distanceFromBinary(INDArray gate) {
    return Transforms.min(gate, gate.rsub(1.0)).meanNumber().doubleValue();
  }

  @Test
  void dropoutAppliesOnlyInTraining() {
    G2Lstm plain = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4)
        .gateMode(GateMode.BASELINE).build(), DataType.DOUBLE);
    G2Lstm dropped = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4)
        .gateMode(GateMode.BASELINE).dropOut(0.5).build(), DataType.DOUBLE);
    dropped.setParams(plain.params());
    INDArray input = G2TestNets.input(14, 2, 3, 5);
    INDArray expected = plain.activate(input, true, NO_WORKSPACES).dup();
    assertExactlyEqual(expected, dropped.activate(input.dup(), false, NO_WORKSPACES), "no dropout in inference");
    INDArray training = dropped.activate(input.dup(), true, NO_WORKSPACES);
    assertTrue(maxDifference(expected, training) > 1e-3, "training drops inputs");
  }

  @Test
  void instancesOfOneConfigurationKeepTheirOwnDropoutMasks() {
    G2Lstm first = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4)
        .gateMode(GateMode.BASELINE).dropOut(0.5).build(), DataType.DOUBLE);
    G2Lstm second = G2TestNets.instance(first.conf(), DataType.DOUBLE);
    first.activate(Nd4j.ones(DataType.DOUBLE, 2, 3, 5), true, NO_WORKSPACES);
    INDArray droppedInput = first.input().dup();
    second.activate(G2TestNets.input(15, 3, 3, 7), true, NO_WORKSPACES);
    INDArray inputGradient = first.backpropGradient(Nd4j.ones(DataType.DOUBLE, 2, 4, 5), NO_WORKSPACES)
        .getSecond();
    int dropped = 0;
    for (int i = 0; i < 2; i++) {
      for (int f = 0; f < 3; f++) {
        for (int t = 0; t < 5; t++) {
          boolean kept = droppedInput.getDouble(i, f, t) != 0.0;
          dropped += kept ? 0 : 1;
          assertEquals(kept, inputGradient.getDouble(i, f, t) != 0.0,
              "gradient at " + i + "," + f + "," + t + " follows the first instance's own mask");
        }
      }
    }
    assertTrue(dropped > 0 && dropped < 30, "some inputs dropped, some kept: " + dropped);
  }

  @Test
  void weightNoiseAppliesInTrainingToTheForwardAndBackwardPass() {
    DropConnect dropConnect = new DropConnect(0.5);
    G2Lstm noisy = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4)
        .gateMode(GateMode.SHARPENED).weightNoise(dropConnect).build(), DataType.DOUBLE);
    G2Lstm reference = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4)
        .gateMode(GateMode.SHARPENED).build(), DataType.DOUBLE);
    reference.setParams(noisy.params());
    INDArray input = G2TestNets.input(20, 2, 3, 5);
    INDArray epsilon = G2TestNets.input(21, 2, 4, 5);
    assertExactlyEqual(reference.activate(input, false, NO_WORKSPACES).dup(),
        noisy.activate(input, false, NO_WORKSPACES), "no weight noise in inference");

    Nd4j.getRandom().setSeed(77);
    INDArray training = noisy.activate(input, true, NO_WORKSPACES).dup();
    Pair<Gradient, INDArray> gradients = noisy.backpropGradient(epsilon, NO_WORKSPACES);
    INDArray parameterGradient = gradients.getFirst().gradient().dup();
    INDArray inputGradient = gradients.getSecond().dup();

    Nd4j.getRandom().setSeed(77);
    for (String key : new String[] {"W", "RW"}) {
      reference.setParam(key, dropConnect.getParameter(noisy, key, 0, 0, true, NO_WORKSPACES));
    }
    assertTrue(maxDifference(reference.params(), noisy.params()) > 1e-3, "training dropped weights");
    assertExactlyEqual(reference.activate(input, true, NO_WORKSPACES), training, "forward with the dropped weights");
    Pair<Gradient, INDArray> expected = reference.backpropGradient(epsilon, NO_WORKSPACES);
    assertExactlyEqual(expected.getFirst().gradient(), parameterGradient, "backward with the same dropped weights");
    assertExactlyEqual(expected.getSecond(), inputGradient, "backward with the same dropped weights");
  }

  @Test
  void nwcFormatIsTheTransposeOfNcw() {
    G2Lstm ncw = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).build(), DataType.DOUBLE);
    G2Lstm nwc = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).dataFormat(RNNFormat.NWC)
        .build(), DataType.DOUBLE);
    nwc.setParams(ncw.params());
    INDArray input = G2TestNets.input(15, 2, 3, 5);
    INDArray expected = ncw.activate(input, false, NO_WORKSPACES);
    assertExactlyEqual(expected.permute(0, 2, 1), nwc.activate(input.permute(0, 2, 1).dup(), false, NO_WORKSPACES),
        "NWC output");
    INDArray epsilon = G2TestNets.input(16, 2, 4, 5);
    ncw.activate(input, true, NO_WORKSPACES);
    INDArray inputGradient = ncw.backpropGradient(epsilon, NO_WORKSPACES).getSecond().dup();
    nwc.activate(input.permute(0, 2, 1).dup(), true, NO_WORKSPACES);
    INDArray nwcGradient = nwc.backpropGradient(epsilon.permute(0, 2, 1), NO_WORKSPACES).getSecond();
    assertTrue(maxDifference(inputGradient.permute(0, 2, 1), nwcGradient) < 1e-14);
  }

  @Test
  void truncatedBackpropagationStopsAtItsLength() {
    G2Lstm layer = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4)
        .gateMode(GateMode.SHARPENED).build(), DataType.DOUBLE);
    INDArray input = G2TestNets.input(17, 2, 3, 6);
    INDArray epsilon = G2TestNets.input(18, 2, 4, 6);
    layer.rnnActivateUsingStoredState(input, true, false, NO_WORKSPACES);
    Pair<Gradient, INDArray> full = layer.backpropGradient(epsilon, NO_WORKSPACES);
    INDArray fullParams = full.getFirst().gradient().dup();
    INDArray fullInput = full.getSecond().dup();
    Pair<Gradient, INDArray> long6 = layer.tbpttBackpropGradient(epsilon, 6, NO_WORKSPACES);
    assertExactlyEqual(fullParams, long6.getFirst().gradient(), "truncation at the full length");
    assertExactlyEqual(fullInput, long6.getSecond(), "truncation at the full length");
    Pair<Gradient, INDArray> short2 = layer.tbpttBackpropGradient(epsilon, 2, NO_WORKSPACES);
    INDArray early = short2.getSecond().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
    assertEquals(0.0, early.amaxNumber().doubleValue(), "no gradient before the truncation");
    assertTrue(maxDifference(fullParams, short2.getFirst().gradient()) > 1e-6);
  }

  @Test
  void trainsInSinglePrecision() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .seed(21)
        .updater(new Adam(0.05))
        .weightInit(WeightInit.XAVIER)
        .graphBuilder()
        .addInputs("in")
        .addLayer("g2", new G2LstmLayer.Builder().nOut(8).noiseSeed(3).build(), "in")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .activation(Activation.SOFTMAX).nOut(2).build(), "g2")
        .setOutputs("out")
        .setInputTypes(InputType.recurrent(2))
        .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    INDArray labels = G2TestNets.labels(19, 8, 2, 6).castTo(DataType.FLOAT);
    INDArray input = labels.mul(2.0).subi(1.0);
    INDArray delayed = Nd4j.zeros(DataType.FLOAT, 8, 2, 6);
    delayed.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 6))
        .assign(labels.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 5)));
    delayed.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(0)).assign(1.0);
    MultiDataSet data = new MultiDataSet(input, delayed);
    double before = graph.score(data);
    for (int i = 0; i < 40; i++) {
      graph.fit(data);
    }
    double after = graph.score(data);
    assertTrue(after < 0.5 * before, "score " + before + " -> " + after);
    assertEquals(DataType.FLOAT, graph.outputSingle(input).dataType());
  }
}
