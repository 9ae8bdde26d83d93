package io.g2lstm.model.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rounding, clipping and the truncated SVD on small matrices; singular values are checked against LAPACK's
 * {@code gesvd} through ND4J, an independent implementation.
 */
class GateBlockMathTest {

  private static double[][] random(int rows, int columns, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] a = new double[rows][columns];
    for (double[] row : a) {
      for (int j = 0; j < columns; j++) {
        row[j] = random.nextDouble(-1, 1);
      }
    }
    return a;
  }

  /** Singular values by LAPACK (through ND4J), largest first. */
  private static double[] lapackSingularValues(double[][] a) {
    INDArray matrix = Nd4j.createFromArray(a).dup('f');
    INDArray values = Nd4j.create(DataType.DOUBLE, Math.min(a.length, a[0].length));
    Nd4j.getBlasWrapper().lapack().gesvd(matrix, values, null, null);
    return values.toDoubleVector();
  }

  private static double frobeniusDistance(double[][] a, double[][] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        sum += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
      }
    }
    return Math.sqrt(sum);
  }

  private static void assertMatrixEquals(double[][] expected, double[][] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], tolerance, "row " + i);
    }
  }

  @Test
  void roundingGoesToTheNearestMultipleWithTiesToEven() {
    double[][] rounded = GateBlockMath.round(new double[][] {{0.24, 0.26, -0.74, 0.25}, {0.75, -0.25, 1.3, 0}}, 0.5);
    assertMatrixEquals(new double[][] {{0, 0.5, -0.5, 0}, {1.0, -0.0, 1.5, 0}}, rounded, 0);
  }

  @Test
  void clippingBoundsEveryValue() {
    double[][] clipped = GateBlockMath.clip(new double[][] {{-3, -0.5}, {0.7, 2}}, 1.0);
    assertMatrixEquals(new double[][] {{-1, -0.5}, {0.7, 1}}, clipped, 0);
  }

  /** Eckart-Young: the rank-k error is the energy of the singular values left out, in both orientations. */
  @Test
  void lowRankErrorIsTheTailSingularValueEnergy() {
    for (int[] shape : new int[][] {{7, 5}, {5, 7}, {40, 23}}) {
      double[][] a = random(shape[0], shape[1], 3);
      double[] singular = lapackSingularValues(a);
      for (int k = 1; k <= 5; k++) {
        double tail = 0;
        for (int i = k; i < singular.length; i++) {
          tail += singular[i] * singular[i];
        }
        double[][] approximation = GateBlockMath.lowRank(a, k);
        assertEquals(Math.sqrt(tail), frobeniusDistance(a, approximation), 1e-12, "rank " + k);
        // the kept part has the same leading singular values and no others
        double[] kept = lapackSingularValues(approximation);
        for (int i = 0; i < kept.length; i++) {
          assertEquals(i < k ? singular[i] : 0.0, kept[i], 1e-12, "rank " + k + ", singular value " + i);
        }
      }
    }
  }

  @Test
  void fullRankReproducesTheMatrix() {
    for (int[] shape : new int[][] {{6, 4}, {4, 6}, {256, 256}}) {
      double[][] a = random(shape[0], shape[1], 5);
      assertMatrixEquals(a, GateBlockMath.lowRank(a, Math.min(shape[0], shape[1])), 1e-12);
    }
  }

  @Test
  void exactLowRankMatrixIsKept() {
    // the outer product of two vectors has rank 1: its rank-1 approximation is itself
    double[] u = {1, -2, 0.5};
    double[] v = {3, 0.25, -1, 2};
    double[][] a = new double[3][4];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        a[i][j] = u[i] * v[j];
      }
    }
    assertMatrixEquals(a, GateBlockMath.lowRank(a, 1), 1e-14);
  }

  @Test
  void rankOutsideTheBlockIsRefused() {
    double[][] a = random(3, 5, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GateBlockMath.lowRank(a, 4));
    assertTrue(e.getMessage().contains("[3, 5]") && e.getMessage().contains("found 4"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GateBlockMath.lowRank(a, 0));
  }

  @Test
  void indexBitsAreTheCeilingOfTheLogarithmAndAtLeastOne() {
    int[] expected = {1, 1, 1, 2, 2, 3, 3, 3, 3, 4};
    for (int distinct = 0; distinct < expected.length; distinct++) {
      assertEquals(expected[distinct], GateBlockMath.indexBits(distinct), distinct + " values");
    }
    assertEquals(32, GateBlockMath.indexBits(1L << 32));
    assertEquals(33, GateBlockMath.indexBits((1L << 32) + 1));
  }

  @Test
  void unionCountsEachValueOnceAndZeroOnce() {
    double[] union = GateBlockMath.sortedUnion(new double[0], new double[] {0.5, -0.0, 0.5, 1});
    union = GateBlockMath.sortedUnion(union, new double[] {0.0, -1, 1, 2});
    assertEquals(5, union.length);
    assertArrayEquals(new double[] {-1, 0, 0.5, 1, 2}, union, 0);
  }
}
