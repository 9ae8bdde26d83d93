package io.g2lstm.model.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * ND4J operations per time step, counted by ND4J's profiler as the difference between passes over 8 and 4 steps:
 * each operation costs some 20 to 35 microseconds whatever its size, so the count is the layer's speed on small
 * and medium shapes. Forward: 1 matrix product and 6 elementwise operations; backward: 2 matrix products and 9
 * elementwise operations; steps where some examples are masked cost 3 more each way.
 */
@ExtendWith(SmallShapes.class)
class G2LstmOpCountTest {

  private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
  private OpExecutioner.ProfilingMode previousMode;

  @BeforeEach
  void rememberProfilingMode() {
    previousMode = Nd4j.getExecutioner().getProfilingMode();
  }

  @AfterEach
  void restoreProfilingMode() {
    Nd4j.getExecutioner().setProfilingMode(previousMode);
  }

  @Test
  void operationsPerStepWithoutMasks() {
    G2Lstm layer = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).build(), DataType.FLOAT);
    long[] four = countOperations(layer, 4, null);
    long[] eight = countOperations(layer, 8, null);
    assertEquals(7 * 4, eight[0] - four[0], "forward operations of 4 more steps");
    assertEquals(11 * 4, eight[1] - four[1], "backward operations of 4 more steps");
  }

  @Test
  void operationsPerPartlyMaskedStep() {
    G2Lstm layer = G2TestNets.standalone(new G2LstmLayer.Builder().nIn(3).nOut(4).build(), DataType.FLOAT);
    long[] four = countOperations(layer, 4, G2TestNets.mask(4, 4, 2).castTo(DataType.FLOAT));
    long[] eight = countOperations(layer, 8, G2TestNets.mask(8, 8, 2).castTo(DataType.FLOAT));
    assertEquals(10 * 4, eight[0] - four[0], "forward operations of 4 more steps");
    assertEquals(14 * 4, eight[1] - four[1], "backward operations of 4 more steps");
  }

  @Test
  void fittingAGraphRunsOneForwardPassPerLayer() {
    ComputationGraph graph = G2TestNets.stackedGraph(GateMode.G2);
    int steps = 5;
    MultiDataSet data = new MultiDataSet(new INDArray[] {G2TestNets.input(1, 2, G2TestNets.FEATURES, steps)},
        new INDArray[] {G2TestNets.labels(2, 2, G2TestNets.CLASSES, steps)},
        new INDArray[] {G2TestNets.mask(steps, 5, 3)}, new INDArray[] {G2TestNets.mask(steps, 5, 3)});
    graph.fit(data);
    OpProfiler profiler = OpProfiler.getInstance();
    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
    profiler.reset();
    graph.fit(data);
    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    assertEquals(3 * steps, profiler.getOpCounter().getCount("sigmoid"),
        "one gate activation per step in each of the three G2 layers: backprop reuses the forward pass");
  }

  /** Operations of a training forward pass and of its backward pass, after one pass to allocate the arrays. */
  private static long[] countOperations(G2Lstm layer, int steps, INDArray mask) {
    INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, steps);
    INDArray epsilon = Nd4j.rand(DataType.FLOAT, 2, 4, steps);
    layer.setMaskArray(mask);
    layer.activate(input, true, NO_WORKSPACES);
    layer.backpropGradient(epsilon, NO_WORKSPACES);
    OpProfiler profiler = OpProfiler.getInstance();
    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
    profiler.reset();
    layer.activate(input, true, NO_WORKSPACES);
    long forward = profiler.getInvocationsCount();
    profiler.reset();
    layer.backpropGradient(epsilon, NO_WORKSPACES);
    long backward = profiler.getInvocationsCount();
    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    return new long[] {forward, backward};
  }
}
