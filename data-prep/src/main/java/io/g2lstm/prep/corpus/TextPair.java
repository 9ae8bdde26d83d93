package io.g2lstm.prep.corpus;

import java.io.Serializable;
import java.util.Objects;

/** One sentence pair of raw (or tokenized) text: the source side and its translation. */
public record TextPair(String source, String target) implements Serializable {

  public TextPair {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }
}
