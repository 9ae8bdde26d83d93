package io.g2lstm.model.train;

import java.io.Serializable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rescales the whole gradient, all parameters together, when its L2 norm exceeds a threshold (as fairseq, OpenNMT
 * and Marian clip), rather than layer by layer as DL4J's own gradient normalization does.
 *
 * <p>DL4J calls {@link #onGradientCalculation} after backpropagation and before the updater; the gradient there is
 * summed over the minibatch (the updater divides by its size), so the threshold is applied to the gradient of the
 * per-sentence mean loss. It is serializable so that Spark workers get it with their replicas.
 */
public final class GlobalNormClipping extends BaseTrainingListener implements Serializable {

  private final double maxNorm;

  public GlobalNormClipping(double maxNorm) {
    this.maxNorm = maxNorm;
  }

  @Override
  public void onGradientCalculation(Model model) {
    if (maxNorm <= 0) {
      return;
    }
    INDArray gradient = model.gradient().gradient();
    double meanNorm = gradient.norm2Number().doubleValue() / Math.max(1, model.batchSize());
    if (meanNorm > maxNorm) {
      gradient.muli(maxNorm / meanNorm);
    }
  }
}
