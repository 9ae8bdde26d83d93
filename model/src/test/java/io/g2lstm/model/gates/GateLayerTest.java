package io.g2lstm.model.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.model.gates.GateLayer.Direction;
import io.g2lstm.model.gates.GateLayer.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layer names: their form, their parts and what their positions are. */
class GateLayerTest {

  @Test
  void namesParseIntoLayerAndDirection() {
    assertEquals(new GateLayer("decoder-0", Direction.NONE), GateLayer.parse("decoder-0"));
    assertEquals(new GateLayer("encoder-12", Direction.NONE), GateLayer.parse("encoder-12"));
    assertEquals(new GateLayer("encoder-0", Direction.FORWARD), GateLayer.parse("encoder-0-forward"));
    assertEquals(new GateLayer("encoder-0", Direction.BACKWARD), GateLayer.parse("encoder-0-backward"));
    for (String name : List.of("decoder-0", "decoder-3", "encoder-1", "encoder-0-forward", "encoder-0-backward")) {
      assertEquals(name, GateLayer.parse(name).name(), "the name round-trips");
    }
    assertEquals("decoder-0", GateLayer.DEFAULT.name());
  }

  @Test
  void encoderPositionsAreSourceTokensAndDecoderPositionsTargetTokens() {
    assertEquals(Side.SOURCE, GateLayer.parse("encoder-0-backward").side());
    assertEquals(Side.SOURCE, GateLayer.parse("encoder-2").side());
    assertEquals(Side.TARGET, GateLayer.parse("decoder-1").side());
  }

  @Test
  void malformedNamesAreRefused() {
    for (String name : List.of("", "decoder", "decoder-", "decoder-x", "Decoder-0", "decoder-0-forward",
        "encoder-0-sideways", "attention", " decoder-0")) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> GateLayer.parse(name));
      assertTrue(e.getMessage().contains("expected decoder-<i>, encoder-<i>, encoder-<i>-forward or "
          + "encoder-<i>-backward, found '" + name + "'"), e.getMessage());
    }
    assertThrows(ConfigurationException.class, () -> new GateLayer("decoder-0", Direction.BACKWARD));
    assertThrows(ConfigurationException.class, () -> new GateLayer("output", Direction.NONE));
  }
}
