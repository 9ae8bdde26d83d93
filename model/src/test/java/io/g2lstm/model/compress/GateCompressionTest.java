package io.g2lstm.model.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The methods' settings, names and checks. */
class GateCompressionTest {

  private static void assertRefused(Executable construction, String... fragments) {
    ConfigurationException e = assertThrows(ConfigurationException.class, construction);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
  }

  @Test
  void settingsOutOfRangeAreRefusedWithExpectedAndFound() {
    assertRefused(() -> new GateCompression.Round(0), "step", "expected a finite number > 0", "found 0.0");
    assertRefused(() -> new GateCompression.Round(Double.NaN), "step", "found NaN");
    assertRefused(() -> new GateCompression.Round(Double.POSITIVE_INFINITY), "step", "found Infinity");
    assertRefused(() -> new GateCompression.RoundClip(-0.5, 1), "step", "found -0.5");
    assertRefused(() -> new GateCompression.RoundClip(0.5, 0), "clip", "found 0.0");
    assertRefused(() -> new GateCompression.LowRank(0), "rank", "expected an integer >= 1", "found 0");
  }

  @Test
  void namesSettingsAndLabels() {
    GateCompression round = new GateCompression.Round(0.25);
    GateCompression roundClip = new GateCompression.RoundClip(0.5, 1.0);
    GateCompression lowRank = new GateCompression.LowRank(16);
    assertEquals(List.of("round", "round-clip", "svd"), List.of(round.name(), roundClip.name(), lowRank.name()));
    assertEquals(Map.of("step", 0.25), round.settings());
    assertEquals(List.of("step", "clip"), List.copyOf(roundClip.settings().keySet()));
    assertEquals("round-clip (step 0.5, clip 1.0)", roundClip.label());
    assertEquals("svd (rank 16)", lowRank.label());
  }

  @Test
  void eachMethodAppliesItsArithmetic() {
    double[][] block = {{0.3, -1.6}, {2.2, 0.74}};
    assertEquals(List.of(0.5, -1.5, 2.0, 0.5), flat(new GateCompression.Round(0.5).apply(block)));
    assertEquals(List.of(0.5, -1.0, 1.0, 0.5), flat(new GateCompression.RoundClip(0.5, 1.0).apply(block)));
    // rank 2 of a 2 x 2 block is the block itself
    List<Double> full = flat(new GateCompression.LowRank(2).apply(block));
    List<Double> original = flat(block);
    for (int i = 0; i < 4; i++) {
      assertEquals(original.get(i), full.get(i), 1e-14);
    }
    assertEquals(List.of(0.3, -1.6, 2.2, 0.74), original, "the input is not modified");
  }

  @Test
  void rankAboveABlocksSmallerSideIsRefusedNamingTheBlock() {
    GateBlock block = new GateBlock("decoder-1", GateBlock.Direction.NONE, GateBlock.Gate.FORGET,
        GateBlock.Weights.RECURRENT, 8, 6);
    new GateCompression.LowRank(6).requireApplicable(block);
    new GateCompression.Round(0.5).requireApplicable(block);
    assertRefused(() -> new GateCompression.LowRank(7).requireApplicable(block), "rank", "expected at most 6",
        "decoder-1 RW[:, forget] [8 x 6]", "found 7");
  }

  private static List<Double> flat(double[][] a) {
    return List.of(a[0][0], a[0][1], a[1][0], a[1][1]);
  }
}
