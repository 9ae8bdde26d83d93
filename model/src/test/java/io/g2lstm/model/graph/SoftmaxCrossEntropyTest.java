package io.g2lstm.model.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The fused loss against its definition, {@code -sum_v q[v] log p[v]}, and its gradient against finite differences. */
class SoftmaxCrossEntropyTest {

  private static final int ROWS = 5;
  private static final int INPUTS = 4;
  private static final int CLASSES = 7;
  private static final int[] LABELS = {3, 0, 6, 2, 2};
  private static final double[] MASK = {1, 1, 0, 1, 1};

  private static double loss(INDArray x, INDArray w, INDArray b, double smoothing) {
    INDArray p = Nd4j.create(DataType.DOUBLE, new long[] {ROWS, CLASSES}, 'c');
    SoftmaxCrossEntropy.Rows rows = SoftmaxCrossEntropy.probabilities(x, w, b, p, LABELS, smoothing);
    double total = 0;
    for (double l : SoftmaxCrossEntropy.rowLosses(rows, LABELS, MASK, smoothing)) {
      total += l;
    }
    return total;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.1, 0.3})
  void lossAndGradientsMatchTheDefinition(double smoothing) {
    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.randn(DataType.DOUBLE, ROWS, INPUTS);
    INDArray w = Nd4j.randn(DataType.DOUBLE, INPUTS, CLASSES).dup('f');
    INDArray b = Nd4j.randn(DataType.DOUBLE, CLASSES);

    double expected = 0;
    INDArray z = x.mmul(w).addRowVector(b);
    for (int r = 0; r < ROWS; r++) {
      double max = z.getRow(r).maxNumber().doubleValue();
      double lse = max + Math.log(Transforms.exp(z.getRow(r).sub(max)).sumNumber()
          .doubleValue());
      for (int v = 0; v < CLASSES; v++) {
        double q = (v == LABELS[r] ? 1 - smoothing : 0) + smoothing / CLASSES;
        expected -= MASK[r] * q * (z.getDouble(r, v) - lse);
      }
    }
    assertEquals(expected, loss(x, w, b, smoothing), 1e-10);

    INDArray p = Nd4j.create(DataType.DOUBLE, new long[] {ROWS, CLASSES}, 'c');
    SoftmaxCrossEntropy.probabilities(x, w, b, p, LABELS, smoothing);
    SoftmaxCrossEntropy.toLogitGradient(p, LABELS, MASK, Nd4j.createFromArray(MASK).reshape(ROWS, 1), smoothing);
    INDArray dw = Nd4j.create(DataType.DOUBLE, new long[] {INPUTS, CLASSES}, 'f');
    INDArray db = Nd4j.create(DataType.DOUBLE, CLASSES);
    INDArray dx = Nd4j.create(DataType.DOUBLE, new long[] {ROWS, INPUTS}, 'f');
    SoftmaxCrossEntropy.backward(x, w, p, dw, db, dx);
    double h = 1e-6;
    for (INDArray[] pair : new INDArray[][] {{w, dw}, {b, db}, {x, dx}}) {
      INDArray parameter = pair[0];
      long columns = parameter.rank() == 1 ? 1 : parameter.size(1);
      for (long i = 0; i < parameter.length(); i++) {
        long[] at = parameter.rank() == 1 ? new long[] {i} : new long[] {i / columns, i % columns};
        double saved = parameter.getDouble(at);
        parameter.putScalar(at, saved + h);
        double up = loss(x, w, b, smoothing);
        parameter.putScalar(at, saved - h);
        double down = loss(x, w, b, smoothing);
        parameter.putScalar(at, saved);
        assertEquals((up - down) / (2 * h), pair[1].getDouble(at), 1e-6, "element " + Arrays.toString(at));
      }
    }
  }
}
