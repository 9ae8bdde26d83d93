package io.g2lstm.prep.pipeline;

import java.util.Locale;

/** Why a sentence pair was left out of the prepared data. */
public enum DropReason {
  /** Either side is empty or only whitespace. */
  EMPTY_LINE,
  /** Either side is longer than {@code max-line-bytes} as read. */
  OVERLONG_LINE,
  /** Either side has fewer subwords than {@code filter.min-length} (training only). */
  TOO_SHORT,
  /** Either side has more subwords than {@code filter.max-length} (training only). */
  TOO_LONG,
  /** The longer side has more than {@code filter.max-length-ratio} times the subwords of the shorter. */
  LENGTH_RATIO;

  /** The name used in manifests and tables. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
