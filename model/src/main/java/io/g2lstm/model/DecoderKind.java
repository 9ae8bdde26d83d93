package io.g2lstm.model;

/** Where the decoder applies attention ({@code model.decoder}). */
public enum DecoderKind {

  /**
   * The decoder layers run over the target first, and attention combines their top states with the encoder's
   * afterwards (no attention inside the recurrence; the state starts at 0). Models trained before
   * {@code model.decoder} existed are of this kind.
   */
  ATTENTION_AFTER,

  /**
   * Luong's input feeding: attention inside the recurrence, the previous attentional state joining the first
   * layer's input, and the layers started from the mean encoder state ({@code InputFeedingDecoder}).
   */
  INPUT_FEEDING
}
