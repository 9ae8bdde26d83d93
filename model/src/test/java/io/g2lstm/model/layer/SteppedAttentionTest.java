package io.g2lstm.model.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Stepping the attention one target position at a time gives what {@link AttentionMath} (itself checked against
 * finite differences) gives for the whole sequence: the outputs, and over all steps the gradients of the decoder
 * states, the encoder states and both weights. Double precision, a padded source, a second pass reusing the arrays.
 */
class SteppedAttentionTest {

  private static final int B = 3;
  private static final int H = 4;
  private static final int T = 5;
  private static final int S = 6;

  private final INDArray encoder = Nd4j.rand(DataType.DOUBLE, B, H, S).subi(0.5);
  private final INDArray wa = Nd4j.rand(DataType.DOUBLE, H, H).subi(0.5);
  private final INDArray wc = Nd4j.rand(DataType.DOUBLE, 2 * H, H).subi(0.5);
  private final INDArray mask = Nd4j.create(new double[][] {
      {1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}, {1, 0, 0, 0, 0, 0}});
  private final SteppedAttention stepped = new SteppedAttention(DataType.DOUBLE, H, H);

  @Test
  void equalsWholeSequenceAttentionForwardAndBackward() {
    for (int pass = 0; pass < 2; pass++) {
      INDArray decoder = Nd4j.rand(DataType.DOUBLE, B, H, T).subi(0.5);
      INDArray dHidden = Nd4j.rand(DataType.DOUBLE, B, H, T).subi(0.5);
      AttentionMath.Forward whole = AttentionMath.forward(decoder, encoder, mask, wa, wc);
      AttentionMath.Backward expected = AttentionMath.backward(whole, decoder, encoder, dHidden, wa, wc);

      stepped.begin(T, encoder, mask, wa, wc);
      for (int t = 0; t < T; t++) {
        INDArray rows = step(decoder, t).transpose();
        assertClose(step(whole.hidden(), t), stepped.step(t, rows), "a_" + t);
      }
      assertClose(whole.hidden(), stepped.attentionalStates(T), "attentional states");
      stepped.beginBackward();
      for (int t = T - 1; t >= 0; t--) {
        assertClose(step(expected.dDecoder(), t), stepped.backwardStep(t, step(dHidden, t).dup('c')), "dd_" + t);
      }
      INDArray dEncoder = Nd4j.ones(DataType.DOUBLE, B, H, S);
      INDArray dWa = Nd4j.create(DataType.DOUBLE, H, H).assign(7.0);
      INDArray dWc = Nd4j.create(DataType.DOUBLE, 2 * H, H).assign(7.0);
      stepped.finish(T, dEncoder, dWa, dWc);
      assertClose(expected.dEncoder().add(1.0), dEncoder, "dE (added to what was there)");
      assertClose(expected.dWa(), dWa, "dWa");
      assertClose(expected.dWc(), dWc, "dWc");
      assertEquals(1.0, dEncoder.getDouble(2, 1, 3), 1e-12, "padded source positions get no gradient");
    }
  }

  private static INDArray step(INDArray sequence, int t) {
    return sequence.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
  }

  private static void assertClose(INDArray expected, INDArray actual, String what) {
    assertTrue(expected.equalsWithEps(actual, 1e-10), what + ": expected " + expected + ", found " + actual);
    assertTrue(actual.sumNumber().doubleValue() != 0.0, what + " is all zeros");
  }
}
