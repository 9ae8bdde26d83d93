package io.g2lstm.model.gates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reading a sentence out of a batch's gate array, and means over units. */
class GateMathTest {

  private static final int BATCH = 3;
  private static final int UNITS = 2;
  private static final int STEPS = 5;

  /** A value that names its place: 100 i + 10 j + t for example i, unit j, step t (exact in a float). */
  private static float code(int i, int j, int t) {
    return 100 * i + 10 * j + t;
  }

  /** A column-major {@code [b, H, T]} array of {@link #code}s, as the recorder reads it from the layer. */
  private static float[] batch() {
    float[] gates = new float[BATCH * UNITS * STEPS];
    for (int t = 0; t < STEPS; t++) {
      for (int j = 0; j < UNITS; j++) {
        for (int i = 0; i < BATCH; i++) {
          gates[i + BATCH * (j + UNITS * t)] = code(i, j, t);
        }
      }
    }
    return gates;
  }

  @Test
  void realPositionsInOrder() {
    float[] values = GateMath.realPositions(batch(), BATCH, UNITS, STEPS, 1, 3, false);
    assertArrayEquals(new float[] {code(1, 0, 0), code(1, 1, 0), code(1, 0, 1), code(1, 1, 1), code(1, 0, 2),
        code(1, 1, 2)}, values);
  }

  /** A time-reversed pass put the padding first: a sentence's position p is step T - 1 - p. */
  @Test
  void realPositionsOfAReversedPass() {
    float[] values = GateMath.realPositions(batch(), BATCH, UNITS, STEPS, 2, 2, true);
    assertArrayEquals(new float[] {code(2, 0, 4), code(2, 1, 4), code(2, 0, 3), code(2, 1, 3)}, values);
    assertEquals(0, GateMath.realPositions(batch(), BATCH, UNITS, STEPS, 0, 0, true).length);
  }

  @Test
  void unitMeansArePerPosition() {
    double[] means = GateMath.unitMeans(new float[] {0.25f, 0.75f, 0f, 0.125f, 1f, 1f}, UNITS);
    assertArrayEquals(new double[] {0.5, 0.0625, 1.0}, means);
  }
}
