package io.g2lstm.model.graph;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The maths of the output layer, on {@code n} rows (one per target position, minibatch and time flattened) of
 * {@code d} inputs over {@code V} classes:
 *
 * <pre>
 *   z = X W + b                      X [n, d], W [d, V] ('f'), b [V];  z [n, V] row-major ('c')
 *   p = softmax(z) per row
 *   loss = - sum_r m_r log p[r, y_r]  y_r the class of row r, m_r its mask (0 at padding)
 *   dz = m_r (p - onehot(y_r))         the gradient of loss with respect to z, written over p
 *   dW = X^T dz,  db = 1^T dz,  dX = dz W^T
 * </pre>
 *
 * The three products are BLAS calls writing column-major results (or, for {@code z}, the transposed view of a
 * row-major one), the layouts that reach ND4J's BLAS path: a product into a row-major result runs about four times
 * slower. The softmax works on contiguous rows; the loss and the one-hot subtraction touch one element per row.
 */
public final class SoftmaxCrossEntropy {

  /** {@code log} of probabilities is taken no lower than this, as DL4J's loss does. */
  private static final double SMALLEST_PROBABILITY = 1e-10;

  private SoftmaxCrossEntropy() {}

  /** Writes {@code softmax(X W + b)} into {@code probabilities} [n, V], row-major. */
  static void probabilities(INDArray inputs, INDArray weights, INDArray bias, INDArray probabilities) {
    logits(inputs, weights, bias, probabilities);
    Nd4j.exec(new SoftMax(probabilities, probabilities, 1));
  }

  /** Writes {@code z = X W + b} into {@code logits} [n, V], row-major (bias may be null). */
  public static void logits(INDArray inputs, INDArray weights, INDArray bias, INDArray logits) {
    // z^T = W^T X^T, written into the column-major transposed view of the row-major result.
    weights.transpose().mmul(inputs.transpose(), logits.transpose());
    if (bias != null) {
      logits.addiRowVector(bias);
    }
  }

  /**
   * The masked loss of each row, {@code -m_r log p[r, y_r]}.
   *
   * @param mask one weight per row, or null for all ones
   */
  static double[] rowLosses(INDArray probabilities, int[] classes, double[] mask) {
    DataBuffer data = probabilities.data();
    long offset = probabilities.offset();
    long width = probabilities.size(1);
    double[] losses = new double[classes.length];
    for (int r = 0; r < classes.length; r++) {
      double weight = mask == null ? 1 : mask[r];
      if (weight != 0) {
        double p = data.getDouble(offset + r * width + classes[r]);
        losses[r] = -weight * Math.log(Math.max(p, SMALLEST_PROBABILITY));
      }
    }
    return losses;
  }

  /** Turns {@code probabilities} into {@code dz} in place (see the class comment). */
  static void toLogitGradient(INDArray probabilities, int[] classes, double[] mask, INDArray maskColumn) {
    DataBuffer data = probabilities.data();
    long offset = probabilities.offset();
    long width = probabilities.size(1);
    for (int r = 0; r < classes.length; r++) {
      long at = offset + r * width + classes[r];
      data.put(at, data.getDouble(at) - 1);
    }
    if (mask != null) {
      probabilities.muliColumnVector(maskColumn);
    }
  }

  /** {@code dW = X^T dz} into the gradient view, {@code db = sum_r dz[r]}, and {@code dX = dz W^T} into {@code dx}. */
  static void backward(INDArray inputs, INDArray weights, INDArray logitGradient, INDArray weightGradient,
      INDArray biasGradient, INDArray inputGradient) {
    inputs.transpose().mmul(logitGradient, weightGradient);
    if (biasGradient != null) {
      // As a product with a row of ones: a sum down the columns of a row-major array runs strided and slower.
      INDArray ones = Nd4j.ones(logitGradient.dataType(), 1, logitGradient.size(0));
      ones.mmul(logitGradient, biasGradient.reshape('f', 1, biasGradient.length()));
    }
    logitGradient.mmul(weights.transpose(), inputGradient);
  }
}
