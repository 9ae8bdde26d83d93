package io.g2lstm.model.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The attention of {@link AttentionMath} stepped one target position at a time, as {@link InputFeedingRecurrence}
 * needs it. Per step t, with d_t the decoder state [b, Hd] and E the encoder states [b, He, S]:
 *
 * <pre>
 *   q_t = d_t Wa                      [b, He]
 *   p_t = softmax_s(E^T q_t + pen)    [b, S]    (pen: -1e9 at padded source positions)
 *   c_t = E p_t                       [b, He]
 *   a_t = tanh(c_t Wc_c + d_t Wc_d)   [b, Hd]   (Wc = [Wc_c; Wc_d], [He + Hd, Hd])
 * </pre>
 *
 * Each step keeps its values in time-major arrays ([T, b, n], so a step's rows are contiguous). Backwards, a step
 * computes only what the recurrence needs next (the gradient of d_t) and keeps the rest; {@link #finish} then forms
 * the gradients of E, Wa and Wc over all steps at once, in a few large products instead of several small ones per
 * step:
 *
 * <pre>
 *   dE  = sum_t (dc_t p_t^T + q_t dA_t^T)     dWa = sum_t d_t^T dq_t      dWc = sum_t [c_t; d_t]^T dz_t
 * </pre>
 *
 * where dz_t = da_t (1 - a_t^2), dA_t the gradient of the scores and dq_t = E dA_t. Not thread-safe.
 */
final class SteppedAttention {

  private final DataType dataType;
  private final long he;
  private final long hd;

  private long b;
  private long s;
  private int capacity;
  private INDArray encoder;
  private INDArray penalty;
  private INDArray wa;
  private INDArray wcContext;
  private INDArray wcDecoder;

  private INDArray decoder;
  private INDArray queries;
  private INDArray weights;
  private INDArray context;
  private INDArray attentional;
  private INDArray dOutput;
  private INDArray dContext;
  private INDArray dScores;
  private INDArray dQueries;
  private INDArray dDecoder;

  SteppedAttention(DataType dataType, long encoderSize, long decoderSize) {
    this.dataType = dataType;
    this.he = encoderSize;
    this.hd = decoderSize;
  }

  /**
   * Starts a pass of up to {@code steps} steps over the encoder states [b, He, S] with the source mask [b, S] (null:
   * nothing padded), the score weights Wa [Hd, He] and the output weights Wc [He + Hd, Hd].
   */
  void begin(int steps, INDArray encoderStates, INDArray sourceMask, INDArray scoreWeights, INDArray outputWeights) {
    encoder = encoderStates;
    wa = scoreWeights;
    wcContext = outputWeights.get(NDArrayIndex.interval(0, he), NDArrayIndex.all());
    wcDecoder = outputWeights.get(NDArrayIndex.interval(he, he + hd), NDArrayIndex.all());
    long minibatch = encoderStates.size(0);
    long sourceLength = encoderStates.size(2);
    if (minibatch != b || sourceLength != s || steps > capacity) {
      b = minibatch;
      s = sourceLength;
      capacity = steps;
      decoder = Nd4j.create(dataType, steps, b, hd);
      queries = Nd4j.create(dataType, steps, b, he);
      weights = Nd4j.create(dataType, steps, b, s);
      context = Nd4j.create(dataType, steps, b, he);
      attentional = Nd4j.create(dataType, steps, b, hd);
      dOutput = null;
    }
    penalty = sourceMask == null ? null : AttentionMath.maskPenalty(sourceMask, dataType);
  }

  /** Step t forwards from the decoder state ({@code [Hd, b]}, e.g. a layer's hidden rows): a_t as a [b, Hd] view. */
  INDArray step(int t, INDArray decoderRows) {
    INDArray d = decoder.slice(t);
    d.assign(decoderRows.transpose());
    INDArray q = queries.slice(t);
    Nd4j.gemm(d, wa, q, false, false, 1.0, 0.0);
    INDArray p = weights.slice(t);
    p.assign(Nd4j.matmul(encoder, q.reshape(b, he, 1), true, false, false).reshape(b, s));
    if (penalty != null) {
      p.addi(penalty);
    }
    p.subiColumnVector(p.max(true, 1));
    Transforms.exp(p, false);
    p.diviColumnVector(p.sum(true, 1));
    INDArray c = context.slice(t);
    c.assign(Nd4j.matmul(encoder, p.reshape(b, s, 1)).reshape(b, he));
    INDArray a = attentional(t);
    Nd4j.gemm(c, wcContext, a, false, false, 1.0, 0.0);
    Nd4j.gemm(d, wcDecoder, a, false, false, 1.0, 1.0);
    return Transforms.tanh(a, false);
  }

  /** a_t of the last forward pass, a [b, Hd] view. */
  INDArray attentional(int t) {
    return attentional.slice(t);
  }

  /** The attentional states of the first {@code steps} steps as a [b, Hd, T] view (for the layer's output). */
  INDArray attentionalStates(int steps) {
    return attentional.get(NDArrayIndex.interval(0, steps)).permute(1, 2, 0);
  }

  /** Starts the backward pass of the last forward pass's steps: zeroes the per-step gradient stores. */
  void beginBackward() {
    if (dOutput == null) {
      dOutput = Nd4j.create(dataType, capacity, b, hd);
      dContext = Nd4j.create(dataType, capacity, b, he);
      dScores = Nd4j.create(dataType, capacity, b, s);
      dQueries = Nd4j.create(dataType, capacity, b, he);
      dDecoder = Nd4j.create(dataType, b, hd);
    }
  }

  /**
   * Step t backwards, given the gradient of a_t [b, Hd]: the gradient of d_t as a [b, Hd] array that the next
   * call reuses.
   */
  INDArray backwardStep(int t, INDArray dAttentional) {
    INDArray a = attentional.slice(t);
    INDArray dz = dOutput.slice(t);
    dz.assign(a).muli(a).rsubi(1.0).muli(dAttentional);
    INDArray dc = dContext.slice(t);
    Nd4j.gemm(dz, wcContext, dc, false, true, 1.0, 0.0);
    Nd4j.gemm(dz, wcDecoder, dDecoder, false, true, 1.0, 0.0);
    INDArray p = weights.slice(t);
    INDArray dA = dScores.slice(t);
    dA.assign(Nd4j.matmul(encoder, dc.reshape(b, he, 1), true, false, false).reshape(b, s));
    // softmax over s: dA = p * (dp - sum_s p dp)
    dA.subiColumnVector(p.mul(dA).sum(true, 1)).muli(p);
    INDArray dq = dQueries.slice(t);
    dq.assign(Nd4j.matmul(encoder, dA.reshape(b, s, 1)).reshape(b, he));
    Nd4j.gemm(dq, wa, dDecoder, false, true, 1.0, 1.0);
    return dDecoder;
  }

  /**
   * The gradients over the first {@code steps} steps: adds dE into {@code dEncoder} [b, He, S] and writes dWa
   * [Hd, He] and dWc [He + Hd, Hd].
   */
  void finish(int steps, INDArray dEncoder, INDArray dWa, INDArray dWc) {
    INDArray d = rows(decoder, steps, hd);
    INDArray c = rows(context, steps, he);
    INDArray dz = rows(dOutput, steps, hd);
    Nd4j.gemm(c, dz, dWc.get(NDArrayIndex.interval(0, he), NDArrayIndex.all()), true, false, 1.0, 0.0);
    Nd4j.gemm(d, dz, dWc.get(NDArrayIndex.interval(he, he + hd), NDArrayIndex.all()), true, false, 1.0, 0.0);
    Nd4j.gemm(d, rows(dQueries, steps, he), dWa, true, false, 1.0, 0.0);
    INDArray dcByStep = dContext.get(NDArrayIndex.interval(0, steps)).permute(1, 2, 0);
    INDArray qByStep = queries.get(NDArrayIndex.interval(0, steps)).permute(1, 2, 0);
    INDArray pByStep = weights.get(NDArrayIndex.interval(0, steps)).permute(1, 0, 2);
    INDArray dAByStep = dScores.get(NDArrayIndex.interval(0, steps)).permute(1, 0, 2);
    dEncoder.addi(Nd4j.matmul(dcByStep, pByStep)).addi(Nd4j.matmul(qByStep, dAByStep));
  }

  /** The first {@code steps} steps of a time-major [T, b, n] array as [T b, n] rows. */
  private INDArray rows(INDArray timeMajor, int steps, long n) {
    return timeMajor.get(NDArrayIndex.interval(0, steps)).reshape('c', steps * b, n);
  }
}
