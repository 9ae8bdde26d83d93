package io.g2lstm.model.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The attention backward pass against central finite differences, in double precision, with a padded source. */
class AttentionMathTest {

  private static final int B = 2;
  private static final int HD = 3;
  private static final int HE = 4;
  private static final int T = 3;
  private static final int S = 5;

  private final INDArray decoder = Nd4j.rand(DataType.DOUBLE, B, HD, T).subi(0.5);
  private final INDArray encoder = Nd4j.rand(DataType.DOUBLE, B, HE, S).subi(0.5);
  private final INDArray wa = Nd4j.rand(DataType.DOUBLE, HD, HE).subi(0.5);
  private final INDArray wc = Nd4j.rand(DataType.DOUBLE, HE + HD, HD).subi(0.5);
  private final INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}});
  private final INDArray weights = Nd4j.rand(DataType.DOUBLE, B, HD, T).subi(0.5);

  /** A scalar loss of the attention output: a fixed weighted sum. */
  private double loss() {
    return AttentionMath.forward(decoder, encoder, mask, wa, wc).hidden().mul(weights).sumNumber().doubleValue();
  }

  private void checkAgainstFiniteDifferences(INDArray variable, Function<AttentionMath.Backward, INDArray> grad) {
    AttentionMath.Forward forward = AttentionMath.forward(decoder, encoder, mask, wa, wc);
    INDArray analytic = grad.apply(AttentionMath.backward(forward, decoder, encoder, weights, wa, wc));
    INDArray flat = variable.reshape(variable.length());
    INDArray analyticFlat = analytic.dup('c').reshape(analytic.length());
    for (long i = 0; i < flat.length(); i++) {
      double original = flat.getDouble(i);
      flat.putScalar(i, original + 1e-6);
      double plus = loss();
      flat.putScalar(i, original - 1e-6);
      double minus = loss();
      flat.putScalar(i, original);
      assertEquals((plus - minus) / 2e-6, analyticFlat.getDouble(i), 1e-7, "element " + i);
    }
  }

  @Test
  void decoderGradient() {
    checkAgainstFiniteDifferences(decoder, AttentionMath.Backward::dDecoder);
  }

  @Test
  void encoderGradientIsZeroAtPaddedPositions() {
    checkAgainstFiniteDifferences(encoder, AttentionMath.Backward::dEncoder);
    AttentionMath.Forward forward = AttentionMath.forward(decoder, encoder, mask, wa, wc);
    INDArray dEncoder = AttentionMath.backward(forward, decoder, encoder, weights, wa, wc).dEncoder();
    assertEquals(0.0, dEncoder.getDouble(1, 0, 4), 1e-12);
  }

  @Test
  void weightGradients() {
    checkAgainstFiniteDifferences(wa, AttentionMath.Backward::dWa);
    checkAgainstFiniteDifferences(wc, AttentionMath.Backward::dWc);
  }

  @Test
  void paddedSourcePositionsGetNoAttention() {
    INDArray p = AttentionMath.forward(decoder, encoder, mask, wa, wc).weights();
    assertEquals(0.0, p.getDouble(1, 3, 0), 1e-12);
    assertEquals(1.0, p.sum(1).getDouble(1, 2), 1e-12);
  }
}
