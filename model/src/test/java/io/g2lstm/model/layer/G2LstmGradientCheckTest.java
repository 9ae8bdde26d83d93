package io.g2lstm.model.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's numerical gradient check of a graph with a bidirectional G2 layer, a stacked G2 layer and a per-step
 * softmax output, with per-example masks (lengths 5, 3, 4 of 5 steps), in each gate mode. The G2 check runs in
 * training mode with the seeded noise, which stays fixed because the check does not advance the iteration count.
 * Up to 6 entries of each of the 11 parameter arrays are checked; differences below 5e-9 are the finite differences'
 * rounding noise (central differences with step 1e-6 on a score of about 1).
 */
@ExtendWith(SmallShapes.class)
class G2LstmGradientCheckTest {

  @ParameterizedTest
  @EnumSource(GateMode.class)
  void gradientsMatchFiniteDifferences(GateMode mode) {
    ComputationGraph graph = G2TestNets.stackedGraph(mode);
    int steps = 5;
    INDArray input = G2TestNets.input(1, 3, G2TestNets.FEATURES, steps);
    INDArray labels = G2TestNets.labels(2, 3, G2TestNets.CLASSES, steps);
    INDArray mask = G2TestNets.mask(steps, 5, 3, 4);
    boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
        .net(graph)
        .inputs(new INDArray[] {input})
        .labels(new INDArray[] {labels})
        .inputMask(new INDArray[] {mask})
        .labelMask(new INDArray[] {mask})
        .epsilon(1e-6)
        .maxRelError(1e-5)
        .minAbsoluteError(5e-9)
        .subset(true)
        .maxPerParam(6)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
        .exitOnFirstError(false));
    assertTrue(ok, "gradient check failed in mode " + mode);
  }
}
