package io.g2lstm.model.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.g2lstm.common.SharedDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer against the PyTorch float64 reference of the cell ({@code shared/fixtures/g2cell/*.json}, one test per
 * file): hidden and cell states, input and forget gates, loss and the gradients of every weight, bias and input,
 * with the fixture's noise and initial state, in training mode and double precision.
 *
 * <p>Criterion: for each quantity, {@code |actual - expected| / (|expected| + 1e-6 * max|expected|)} at most
 * 1e-9 for every element: relative, except for elements six orders of magnitude below the quantity's largest,
 * which are compared against that scale instead of their own.
 */
@ExtendWith(SmallShapes.class)
class G2CellFixtureTest {

  private static final double TOLERANCE = 1e-9;
  private static final double FLOOR_FRACTION = 1e-6;
  private static final String[] GATES = {"o", "i", "f", "g"};

  @TestFactory
  Stream<DynamicTest> matchesReference() throws IOException {
    Optional<Path> dir = SharedDir.resolve("fixtures/g2cell");
    if (dir.isEmpty()) {
      return Stream.of(DynamicTest.dynamicTest("g2cell fixtures", () -> Assumptions.abort(
          "shared/fixtures/g2cell not found: " + SharedDir.describeSearch())));
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir.get())) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(!files.isEmpty(), "no fixtures in " + dir.get());
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) {
    Config fixture = ConfigFactory.parseFile(file.toFile());
    int nIn = fixture.getInt("nIn");
    int nOut = fixture.getInt("nOut");
    int steps = fixture.getInt("T");
    int batch = fixture.getInt("batch");
    G2Lstm layer = layer(fixture);
    Map<String, INDArray> params = layer.paramTable();
    for (int g = 0; g < GATES.length; g++) {
      block(params.get("W"), g, nOut).assign(matrix(fixture, "params.W_x" + GATES[g]));
      block(params.get("RW"), g, nOut).assign(matrix(fixture, "params.W_h" + GATES[g]));
      block(params.get("b"), g, nOut).assign(matrix(fixture, "params.b_" + GATES[g]).reshape(1, nOut));
    }
    layer.setNoiseSource((minibatch, timeSteps) -> new GateNoise(ncw(fixture, "U_i"), ncw(fixture, "U_f"),
        ncw(fixture, "M_i"), ncw(fixture, "M_f")));
    layer.rnnSetTBPTTState(Map.of(G2Lstm.STATE_KEY_PREV_ACTIVATION, matrix(fixture, "h0"),
        G2Lstm.STATE_KEY_PREV_MEMCELL, matrix(fixture, "c0")));

    LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
    INDArray hidden = layer.rnnActivateUsingStoredState(ncw(fixture, "x"), true, false, workspaces);
    INDArray cells = layer.cellStates();
    INDArray lastCell = cells.get(NDArrayIndex.all(),
        NDArrayIndex.all(), NDArrayIndex.point(steps - 1));
    INDArray lossWeights = Nd4j.linspace(-1, 1, (long) steps * batch * nOut, DataType.DOUBLE)
        .reshape('c', steps, batch, nOut).permute(1, 2, 0);
    double loss = hidden.mul(lossWeights).sumNumber().doubleValue()
        + 0.5 * lastCell.mul(lastCell).sumNumber().doubleValue();

    Map<String, Double> errors = new LinkedHashMap<>();
    errors.put("h", maxError(hidden, ncw(fixture, "expected.h")));
    errors.put("c", maxError(cells, ncw(fixture, "expected.c")));
    errors.put("input_gate", maxError(layer.gateValues(G2LstmParamInitializer.INPUT_GATE),
        ncw(fixture, "expected.input_gate")));
    errors.put("forget_gate", maxError(layer.gateValues(G2LstmParamInitializer.FORGET_GATE),
        ncw(fixture, "expected.forget_gate")));
    errors.put("loss", maxError(Nd4j.scalar(loss), Nd4j.scalar(fixture.getDouble("expected.loss"))));

    Pair<Gradient, INDArray> result = layer.backpropagate(lossWeights.dup('f'), lastCell.dup(), -1, workspaces);
    Map<String, INDArray> gradients = result.getFirst().gradientForVariable();
    for (int g = 0; g < GATES.length; g++) {
      String gate = GATES[g];
      errors.put("dW_x" + gate, maxError(block(gradients.get("W"), g, nOut),
          matrix(fixture, "expected.grad.W_x" + gate)));
      errors.put("dW_h" + gate, maxError(block(gradients.get("RW"), g, nOut),
          matrix(fixture, "expected.grad.W_h" + gate)));
      errors.put("db_" + gate, maxError(block(gradients.get("b"), g, nOut),
          matrix(fixture, "expected.grad.b_" + gate).reshape(1, nOut)));
    }
    errors.put("dx", maxError(result.getSecond(), ncw(fixture, "expected.grad.x")));

    StringBuilder report = new StringBuilder(file.getFileName() + " (nIn " + nIn + ", nOut " + nOut + ", T "
        + steps + ", batch " + batch + ") max relative error:");
    errors.forEach((name, error) -> report.append(String.format(" %s %.1e", name, error)));
    System.out.println(report);
    errors.forEach((name, error) -> assertTrue(error <= TOLERANCE,
        file.getFileName() + ": " + name + " differs from the reference by " + error));
  }

  private static G2Lstm layer(Config fixture) {
    GateMode mode = switch (fixture.getString("mode")) {
      case "g2" -> GateMode.G2;
      case "sharpened" -> GateMode.SHARPENED;
      case "baseline" -> GateMode.BASELINE;
      default -> throw new IllegalArgumentException("unknown mode " + fixture.getString("mode"));
    };
    return G2TestNets.standalone(new G2LstmLayer.Builder()
        .nIn(fixture.getInt("nIn"))
        .nOut(fixture.getInt("nOut"))
        .gateMode(mode)
        .temperature(fixture.getDouble("tau"))
        .noiseProbability(fixture.getDouble("p"))
        .epsilon(fixture.getDouble("eps"))
        .build(), DataType.DOUBLE);
  }

  /** Gate {@code g}'s columns of a {@code [rows, 4 nOut]} parameter or gradient. */
  private static INDArray block(INDArray array, int gate, int nOut) {
    return G2LstmParamInitializer.gateBlock(array, gate, nOut);
  }

  /** A {@code [t][b][n]} fixture array as NCW {@code [b, n, t]}. */
  private static INDArray ncw(Config fixture, String path) {
    List<?> outer = (List<?>) fixture.getValue(path).unwrapped();
    int steps = outer.size();
    int batch = ((List<?>) outer.get(0)).size();
    int size = ((List<?>) ((List<?>) outer.get(0)).get(0)).size();
    INDArray array = Nd4j.create(DataType.DOUBLE, batch, size, steps);
    for (int t = 0; t < steps; t++) {
      List<?> step = (List<?>) outer.get(t);
      for (int b = 0; b < batch; b++) {
        List<?> row = (List<?>) step.get(b);
        for (int k = 0; k < size; k++) {
          array.putScalar(new long[] {b, k, t}, ((Number) row.get(k)).doubleValue());
        }
      }
    }
    return array;
  }

  /** A {@code [rows][cols]} or {@code [n]} fixture array. */
  private static INDArray matrix(Config fixture, String path) {
    List<?> outer = (List<?>) fixture.getValue(path).unwrapped();
    if (!(outer.get(0) instanceof List<?>)) {
      double[] values = new double[outer.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = ((Number) outer.get(i)).doubleValue();
      }
      return Nd4j.createFromArray(values);
    }
    List<double[]> rows = new ArrayList<>();
    for (Object row : outer) {
      List<?> cells = (List<?>) row;
      double[] values = new double[cells.size()];
      for (int j = 0; j < values.length; j++) {
        values[j] = ((Number) cells.get(j)).doubleValue();
      }
      rows.add(values);
    }
    return Nd4j.createFromArray(rows.toArray(new double[0][]));
  }

  /** The largest error of the criterion in the class comment. */
  private static double maxError(INDArray actual, INDArray expected) {
    assertTrue(Arrays.equals(actual.shape(), expected.shape()),
        "shape " + Arrays.toString(actual.shape()) + " != " + Arrays.toString(expected.shape()));
    double[] a = actual.dup('c').data().asDouble();
    double[] e = expected.dup('c').data().asDouble();
    double scale = 0;
    for (double v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    double floor = FLOOR_FRACTION * scale;
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      double difference = Math.abs(a[i] - e[i]);
      if (Double.isNaN(difference)) {
        return Double.POSITIVE_INFINITY;
      }
      if (difference > 0) {
        worst = Math.max(worst, difference / (Math.abs(e[i]) + floor));
      }
    }
    return worst;
  }
}
