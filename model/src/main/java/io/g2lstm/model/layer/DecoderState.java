package io.g2lstm.model.layer;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input-feeding decoder's state between steps, all [b, H]: per layer the hidden and cell states, and the last
 * attentional state, which the next step feeds to the first layer.
 */
public record DecoderState(INDArray[] hidden, INDArray[] cell, INDArray feed) {

  /** The state with {@code change} applied to every array (e.g. selecting the rows of the surviving beams). */
  public DecoderState map(UnaryOperator<INDArray> change) {
    INDArray[] h = new INDArray[hidden.length];
    INDArray[] c = new INDArray[cell.length];
    for (int l = 0; l < h.length; l++) {
      h[l] = change.apply(hidden[l]);
      c[l] = change.apply(cell[l]);
    }
    return new DecoderState(h, c, change.apply(feed));
  }
}
