package io.g2lstm.prep.pipeline;

import io.g2lstm.prep.corpus.SourcedPair;
import io.g2lstm.prep.corpus.Split;
import java.io.Serializable;

/**
 * A sentence pair on its way through {@code prepare}: raw text, then space-separated tokens, then subwords. A
 * dropped pair keeps its place (with empty text) so the statistics can count it.
 *
 * @param split the split it belongs to
 * @param sequenceId its stable id: {@code corpus index * 10^12 + line number} (so 2000000000123 is line 123 of the
 *     third corpus)
 * @param source source-side text
 * @param target target-side text
 * @param dropped why it was dropped, or null if it is kept
 * @param repairedUtf8 whether malformed UTF-8 was replaced when it was read
 */
public record PreparedPair(Split split, long sequenceId, String source, String target, DropReason dropped,
    boolean repairedUtf8) implements Serializable {

  /** Lines per corpus that {@link #sequenceId} can number. */
  public static final long LINES_PER_CORPUS = 1_000_000_000_000L;

  /** The pair as read from its corpus; dropped already if a side was too long to read. */
  public static PreparedPair of(SourcedPair raw, Split split) {
    PreparedPair pair = new PreparedPair(split, raw.corpus() * LINES_PER_CORPUS + raw.line(), raw.pair().source(),
        raw.pair().target(), null, raw.repairedUtf8());
    return raw.overlong() ? pair.drop(DropReason.OVERLONG_LINE) : pair;
  }

  public boolean kept() {
    return dropped == null;
  }

  /** The same pair with new text. */
  public PreparedPair withText(String newSource, String newTarget) {
    return new PreparedPair(split, sequenceId, newSource, newTarget, dropped, repairedUtf8);
  }

  /** The same pair, dropped for {@code reason}; its text is let go. */
  public PreparedPair drop(DropReason reason) {
    return new PreparedPair(split, sequenceId, "", "", reason, repairedUtf8);
  }

  /** The number of space-separated tokens in {@code text}. */
  public static int tokenCount(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ') {
        count++;
      }
    }
    return count;
  }
}
