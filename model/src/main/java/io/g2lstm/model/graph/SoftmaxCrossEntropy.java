package io.g2lstm.model.graph;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
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
 *   q_r = (1 - e) onehot(y_r) + e / V  the target: the class y_r of row r, smoothed by e (label smoothing, 0: none)
 *   loss = - sum_r m_r sum_v q_r[v] log p[r, v]     m_r the row's mask (0 at padding)
 *        = - sum_r m_r ((1 - e) log p[r, y_r] + (e / V) (sum_v z[r, v] - V lse_r)),  lse_r = z[r, y_r] - log p[r, y_r]
 *   dz = m_r (p - q_r)                 the gradient of loss with respect to z, written over p
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

  /** The probabilities of the rows, and what label smoothing needs to know of their logits. */
  record Rows(INDArray probabilities, double[] labelLogits, double[] logitSums) {}

  /**
   * Writes {@code softmax(X W + b)} into {@code probabilities} [n, V], row-major; with label smoothing, keeps each
   * row's logit of its class and sum of logits first (the loss needs them, and the softmax overwrites the logits).
   */
  static Rows probabilities(INDArray inputs, INDArray weights, INDArray bias, INDArray probabilities,
      int[] classes, double smoothing) {
    logits(inputs, weights, bias, probabilities);
    double[] labelLogits = null;
    double[] logitSums = null;
    if (smoothing > 0) {
      labelLogits = gather(probabilities, classes);
      logitSums = probabilities.sum(1).castTo(DataType.DOUBLE).data().asDouble();
    }
    Nd4j.exec(new SoftMax(probabilities, probabilities, 1));
    return new Rows(probabilities, labelLogits, logitSums);
  }

  private static double[] gather(INDArray rows, int[] classes) {
    DataBuffer data = rows.data();
    long offset = rows.offset();
    long width = rows.size(1);
    double[] values = new double[classes.length];
    for (int r = 0; r < classes.length; r++) {
      values[r] = data.getDouble(offset + r * width + classes[r]);
    }
    return values;
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
   * The masked loss of each row (see the class comment; {@code smoothing} 0 gives {@code -m_r log p[r, y_r]}).
   *
   * @param mask one weight per row, or null for all ones
   */
  static double[] rowLosses(Rows rows, int[] classes, double[] mask, double smoothing) {
    double[] labelProbabilities = gather(rows.probabilities(), classes);
    long width = rows.probabilities().size(1);
    double[] losses = new double[classes.length];
    for (int r = 0; r < classes.length; r++) {
      double weight = mask == null ? 1 : mask[r];
      if (weight != 0) {
        double logP = Math.log(Math.max(labelProbabilities[r], SMALLEST_PROBABILITY));
        double loss = -logP;
        if (smoothing > 0) {
          double logSumExp = rows.labelLogits()[r] - logP;
          double meanLogP = rows.logitSums()[r] / width - logSumExp;
          loss = -(1 - smoothing) * logP - smoothing * meanLogP;
        }
        losses[r] = weight * loss;
      }
    }
    return losses;
  }

  /** Turns {@code probabilities} into {@code dz} in place (see the class comment). */
  static void toLogitGradient(INDArray probabilities, int[] classes, double[] mask, INDArray maskColumn,
      double smoothing) {
    DataBuffer data = probabilities.data();
    long offset = probabilities.offset();
    long width = probabilities.size(1);
    if (smoothing > 0) {
      probabilities.subi(smoothing / width);
    }
    for (int r = 0; r < classes.length; r++) {
      long at = offset + r * width + classes[r];
      data.put(at, data.getDouble(at) - (1 - smoothing));
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
