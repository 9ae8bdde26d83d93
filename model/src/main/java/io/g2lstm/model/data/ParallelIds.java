package io.g2lstm.model.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A split of prepared data held in memory: per sentence pair its sequence id and its source and target subword ids
 * (without {@code <s>} and {@code </s>}). The arrays are shared, not copied: treat them as read-only.
 */
public record ParallelIds(long[] sequenceIds, int[][] source, int[][] target) implements Serializable {

  public ParallelIds {
    Objects.requireNonNull(sequenceIds, "sequenceIds");
    if (source.length != sequenceIds.length || target.length != sequenceIds.length) {
      throw new IllegalArgumentException("expected as many source and target sentences as ids, found "
          + sequenceIds.length + " ids, " + source.length + " source and " + target.length + " target sentences");
    }
  }

  public int size() {
    return sequenceIds.length;
  }

  /** The pairs {@code from} (inclusive) to {@code to} (exclusive); the sentences themselves are shared. */
  public ParallelIds slice(int from, int to) {
    return new ParallelIds(Arrays.copyOfRange(sequenceIds, from, to), Arrays.copyOfRange(source, from, to),
        Arrays.copyOfRange(target, from, to));
  }

  /** Subwords on the target side plus one {@code </s>} per sentence: the tokens a model predicts. */
  public long targetTokens() {
    long tokens = 0;
    for (int[] sentence : target) {
      tokens += sentence.length + 1;
    }
    return tokens;
  }
}
