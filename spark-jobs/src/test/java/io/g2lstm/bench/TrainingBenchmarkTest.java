package io.g2lstm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.layer.GateMode;
import org.junit.jupiter.api.Test;

/** The FLOP count behind {@code bench train}'s GFLOP/s, worked out by hand for a tiny model. */
class TrainingBenchmarkTest {

  private static ModelSettings model(DecoderKind decoder) {
    return new ModelSettings("flops", 2, 4, 1, 0.0, decoder, new GateSettings(GateMode.BASELINE, 1.0, 0.0, 0.001),
        1);
  }

  @Test
  void countsTheMatrixProductsOfBothDecoders() {
    // E = 2, H = 4, one layer, vocabulary 10, one sentence pair of 1 + 1 positions, forward x 3:
    // source 2 directions x 2 (E + H/2) 4 (H/2) = 128; target 2 (E + H) 4H = 192, attention 2H^2 + 2 2H S + 2 (2H) H
    // = 112, softmax 2 H V = 80
    assertEquals(3 * (128 + 192 + 112 + 80), TrainingBenchmark.trainingFlops(model(DecoderKind.ATTENTION_AFTER),
        10, 1, 1, 1), 1e-9);
    // input feeding: the fed state adds 2 H 4H = 128 per target position, the initial state 2 H^2 per layer = 32
    assertEquals(3 * (128 + 192 + 128 + 112 + 80 + 32), TrainingBenchmark.trainingFlops(
        model(DecoderKind.INPUT_FEEDING), 10, 1, 1, 1), 1e-9);
  }
}
