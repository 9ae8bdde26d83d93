package io.g2lstm.model;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.Names;
import io.g2lstm.common.SettingsReader;
import java.io.Serializable;

/**
 * The shape of a translation model, read from the {@code model} section: sizes, depth, dropout and the gate
 * behaviour shared by every G²-LSTM layer. Vocabulary sizes come from the prepared data, not from here.
 *
 * @param name a label for checkpoints and result tables, and part of run ids and file names (see {@link Names})
 * @param embeddingSize source and target embedding size
 * @param hiddenSize recurrent state size (the bidirectional first layer has half of it per direction)
 * @param layers encoder and decoder layers each
 * @param dropout dropout probability between layers and before the output layer
 * @param decoder where the decoder applies attention
 * @param gate how the input and forget gates behave
 * @param seed seeds weight initialisation and gate noise
 */
public record ModelSettings(String name, int embeddingSize, int hiddenSize, int layers, double dropout,
    DecoderKind decoder, GateSettings gate, long seed) implements Serializable {

  /** The longest {@code model.name}, leaving room for what run ids add to it. */
  public static final int MAX_NAME_LENGTH = 100;

  public ModelSettings {
    if (hiddenSize % 2 != 0) {
      throw new ConfigurationException("model.hidden-size: expected an even number (the bidirectional first layer "
          + "has half of it per direction), found " + hiddenSize);
    }
  }

  /** Reads and checks the {@code model} section. */
  public static ModelSettings from(SettingsReader root) {
    SettingsReader s = root.section("model");
    return new ModelSettings(
        // Run ids and model runs are made from it: <name>-<yyyyMMdd-HHmmss>-<8 hex> must stay a name too.
        Names.setting(s, "name", s.nonBlankString("name"), MAX_NAME_LENGTH),
        s.intIn("embedding-size", 1, 65_536),
        s.intIn("hidden-size", 2, 65_536),
        s.intIn("layers", 1, 16),
        s.doubleIn("dropout", 0.0, 0.95),
        s.choice("decoder", DecoderKind.class),
        GateSettings.from(s.section("gate")),
        s.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE));
  }
}
