package io.g2lstm.model.layer;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer implementation's own copy of its configuration's dropout. DL4J's {@link IDropout} keeps the mask of the
 * last forward pass inside the configuration object, and layer implementations that run at the same time can share
 * that object: replicas of one model in one JVM (Spark's local and multi-core executors) share the configurations
 * that DL4J's {@code Bidirectional} wraps. One replica's backward pass then used another's mask, of another shape at
 * worst (an op validation failure). A layer keeps one of these and calls it where DL4J's own hooks would.
 */
public final class OwnDropout {

  private IDropout configured;
  private IDropout copy;

  /**
   * Drops out {@code input} in a training pass, into a new array unless {@code inPlace}.
   *
   * @return the dropped-out input, or {@code input} itself when the configuration has no dropout or not training
   */
  public INDArray apply(IDropout dropout, INDArray input, boolean training, boolean inPlace, int iteration,
      int epoch, LayerWorkspaceMgr workspaceMgr) {
    IDropout own = own(dropout);
    if (!training || own == null) {
      return input;
    }
    INDArray result = inPlace ? input
        : workspaceMgr.createUninitialized(ArrayType.INPUT, input.dataType(), input.shape(), input.ordering());
    return own.applyDropout(input, result, iteration, epoch, workspaceMgr);
  }

  /** Multiplies {@code epsilon} in place by the mask of the last training pass, when there is dropout. */
  public INDArray backprop(IDropout dropout, INDArray epsilon, int iteration, int epoch) {
    IDropout own = own(dropout);
    if (own != null) {
      own.backprop(epsilon, epsilon, iteration, epoch);
    }
    return epsilon;
  }

  /** Forgets the last mask. */
  public void clear() {
    if (copy != null) {
      copy.clear();
    }
  }

  private IDropout own(IDropout dropout) {
    if (dropout != configured) {
      configured = dropout;
      copy = dropout == null ? null : dropout.clone();
    }
    return copy;
  }
}
