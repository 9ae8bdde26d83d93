package io.g2lstm.bench;

import io.g2lstm.common.Medians;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's practical ceiling for a training step's dominant work: a plain single-precision product through the
 * fastest native BLAS on the class path (OpenBLAS, which nd4j-native is built against), called directly, without
 * ND4J in between, on the output layer's shape.
 */
public final class SgemmCeiling {

  private SgemmCeiling() {}

  /** GFLOP/s of {@code C = A B} for A [m, k], B [k, n], row-major, the median of {@code runs} after a warm-up. */
  public static double gflops(int m, int k, int n, int runs) {
    INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
    INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
    INDArray c = Nd4j.create(DataType.FLOAT, m, n);
    FloatPointer pa = (FloatPointer) a.data().pointer();
    FloatPointer pb = (FloatPointer) b.data().pointer();
    FloatPointer pc = (FloatPointer) c.data().pointer();
    double[] seconds = new double[runs];
    for (int round = -1; round < runs; round++) {
      long start = System.nanoTime();
      openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, m, n, k, 1f, pa, k,
          pb, n, 0f, pc, n);
      if (round >= 0) {
        seconds[round] = (System.nanoTime() - start) / 1e9;
      }
    }
    return 2.0 * m * k * n / Medians.of(seconds) / 1e9;
  }
}
