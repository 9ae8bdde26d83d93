package io.g2lstm.model.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Luong global attention with the "general" score (Luong, Pham and Manning, 2015), forward and backward, on whole
 * minibatches. Arrays are in DL4J's recurrent layout, [minibatch, size, time]:
 *
 * <pre>
 *   D  decoder states          [b, Hd, T]      E  encoder states   [b, He, S]    m  source mask [b, S]
 *   Wa score weights           [Hd, He]        Wc output weights   [He + Hd, Hd]
 *
 *   Q = Wa^T D                 [b, He, T]      (so that score(t, s) = D[:, t]^T Wa E[:, s])
 *   A = E^T Q, masked          [b, S, T]       (padded source positions get -1e9)
 *   P = softmax over s of A    [b, S, T]       attention weights
 *   C = E P                    [b, He, T]      context vectors
 *   H = tanh(Wc^T [C; D])      [b, Hd, T]      attentional hidden states
 * </pre>
 *
 * The same code serves training (T target positions at once) and incremental decoding (T = 1).
 */
public final class AttentionMath {

  private static final double MASKED_SCORE = -1e9;

  private AttentionMath() {}

  /** The intermediate values of one forward pass, kept for the backward pass. */
  public record Forward(INDArray queries, INDArray weights, INDArray joined, INDArray hidden) {}

  /**
   * The forward pass.
   *
   * @param sourceMask [b, S] with 1 for real and 0 for padded positions, or null when nothing is padded
   */
  public static Forward forward(INDArray decoder, INDArray encoder, INDArray sourceMask, INDArray wa,
      INDArray wc) {
    INDArray queries = project(decoder, wa);
    INDArray scores = Nd4j.matmul(encoder, queries, true, false, false);
    if (sourceMask != null) {
      INDArray penalty = maskPenalty(sourceMask, scores.dataType());
      scores.addi(penalty.reshape(penalty.size(0), penalty.size(1), 1).broadcast(scores.shape()));
    }
    INDArray weights = softmaxOverSource(scores);
    INDArray context = Nd4j.matmul(encoder, weights);
    INDArray joined = Nd4j.concat(1, context, decoder);
    INDArray hidden = Transforms.tanh(project(joined, wc), false);
    return new Forward(queries, weights, joined, hidden);
  }

  /** The score penalty [b, S] of a source mask [b, S]: (m - 1) 1e9, 0 where real and -1e9 where padded. */
  static INDArray maskPenalty(INDArray sourceMask, DataType dataType) {
    return sourceMask.castTo(dataType).sub(1.0).muli(-MASKED_SCORE);
  }

  /** Gradients of the loss with respect to both inputs and both weights. */
  public record Backward(INDArray dDecoder, INDArray dEncoder, INDArray dWa, INDArray dWc) {}

  /** The backward pass, given the gradient of the loss with respect to the attentional hidden states. */
  public static Backward backward(Forward f, INDArray decoder, INDArray encoder, INDArray dHidden,
      INDArray wa, INDArray wc) {
    long he = encoder.size(1);
    // dZ = dH * (1 - H^2), Z = Wc^T J
    INDArray dZ = dHidden.mul(f.hidden().mul(f.hidden()).rsubi(1.0));
    INDArray dWc = weightGradient(f.joined(), dZ);
    INDArray dJoined = project(dZ, wc.transpose());
    INDArray dContext = dJoined.get(NDArrayIndex.all(), NDArrayIndex.interval(0, he), NDArrayIndex.all());
    INDArray dDecoder = dJoined.get(NDArrayIndex.all(), NDArrayIndex.interval(he, dJoined.size(1)),
        NDArrayIndex.all()).dup();
    // C = E P
    INDArray dEncoder = Nd4j.matmul(dContext, f.weights(), false, true, false);
    INDArray dWeights = Nd4j.matmul(encoder, dContext, true, false, false);
    // softmax over s: dA = P * (dP - sum_s P dP)
    INDArray dot = f.weights().mul(dWeights).sum(true, 1);
    INDArray dScores = dWeights.subi(dot.broadcast(dWeights.shape())).muli(f.weights());
    // A = E^T Q
    dEncoder.addi(Nd4j.matmul(f.queries(), dScores, false, true, false));
    INDArray dQueries = Nd4j.matmul(encoder, dScores);
    // Q = Wa^T D
    INDArray dWa = weightGradient(decoder, dQueries);
    dDecoder.addi(project(dQueries, wa.transpose()));
    return new Backward(dDecoder, dEncoder, dWa, dWc);
  }

  /** X [b, n, T] and W [n, k] give W^T X [b, k, T]: one matrix product over all minibatch rows and time steps. */
  static INDArray project(INDArray x, INDArray w) {
    long b = x.size(0);
    long t = x.size(2);
    INDArray rows = x.permute(0, 2, 1).dup('c').reshape('c', b * t, x.size(1));
    return rows.mmul(w).reshape('c', b, t, w.size(1)).permute(0, 2, 1);
  }

  /** For Y = W^T X (as in {@link #project}), dL/dW = sum over rows of X dY^T: [n, k]. */
  private static INDArray weightGradient(INDArray x, INDArray dY) {
    long rows = x.size(0) * x.size(2);
    INDArray xRows = x.permute(0, 2, 1).dup('c').reshape('c', rows, x.size(1));
    INDArray dRows = dY.permute(0, 2, 1).dup('c').reshape('c', rows, dY.size(1));
    return xRows.transpose().mmul(dRows);
  }

  private static INDArray softmaxOverSource(INDArray scores) {
    INDArray max = scores.max(true, 1);
    INDArray exp = Transforms.exp(scores.subi(max.broadcast(scores.shape())), false);
    return exp.divi(exp.sum(true, 1).broadcast(exp.shape()));
  }
}
