package io.g2lstm.prep.pipeline;

import io.g2lstm.prep.corpus.Split;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of what {@code prepare} read, kept and dropped, per split. A mutable accumulator that adds pairs and merges
 * with the accumulators of other partitions ({@link #add}, {@link #merge}), then freezes into an immutable
 * {@link Summary} for the manifest.
 */
public final class PrepareStatistics implements Serializable {

  private final long[] read = new long[Split.values().length];
  private final long[] kept = new long[Split.values().length];
  private final long[] repairedUtf8 = new long[Split.values().length];
  private final long[] sourceTokens = new long[Split.values().length];
  private final long[] targetTokens = new long[Split.values().length];
  private final long[][] dropped = new long[Split.values().length][DropReason.values().length];

  /** Counts one pair in its final state. */
  public PrepareStatistics add(PreparedPair pair) {
    int s = pair.split().ordinal();
    read[s]++;
    if (pair.repairedUtf8()) {
      repairedUtf8[s]++;
    }
    if (pair.kept()) {
      kept[s]++;
      sourceTokens[s] += PreparedPair.tokenCount(pair.source());
      targetTokens[s] += PreparedPair.tokenCount(pair.target());
    } else {
      dropped[s][pair.dropped().ordinal()]++;
    }
    return this;
  }

  /** Adds another partition's counts to these. */
  public PrepareStatistics merge(PrepareStatistics other) {
    for (int s = 0; s < read.length; s++) {
      read[s] += other.read[s];
      kept[s] += other.kept[s];
      repairedUtf8[s] += other.repairedUtf8[s];
      sourceTokens[s] += other.sourceTokens[s];
      targetTokens[s] += other.targetTokens[s];
      for (int r = 0; r < dropped[s].length; r++) {
        dropped[s][r] += other.dropped[s][r];
      }
    }
    return this;
  }

  /** An immutable copy of the counts. */
  public Summary freeze() {
    Map<Split, SplitCounts> splits = new EnumMap<>(Split.class);
    for (Split split : Split.values()) {
      int s = split.ordinal();
      Map<DropReason, Long> reasons = new EnumMap<>(DropReason.class);
      for (DropReason reason : DropReason.values()) {
        reasons.put(reason, dropped[s][reason.ordinal()]);
      }
      splits.put(split, new SplitCounts(read[s], kept[s], Map.copyOf(reasons), repairedUtf8[s], sourceTokens[s],
          targetTokens[s]));
    }
    return new Summary(Map.copyOf(splits));
  }

  /** Counts of one split; tokens are subwords of kept pairs. */
  public record SplitCounts(long read, long kept, Map<DropReason, Long> dropped, long repairedUtf8,
      long sourceTokens, long targetTokens) implements Serializable {

    /** The counts in manifest form (stable key order). */
    public Map<String, Object> toJson() {
      Map<String, Object> drops = new LinkedHashMap<>();
      for (DropReason reason : DropReason.values()) {
        drops.put(reason.label(), dropped.get(reason));
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("read", read);
      json.put("kept", kept);
      json.put("dropped", drops);
      json.put("repaired_utf8", repairedUtf8);
      json.put("source_subwords", sourceTokens);
      json.put("target_subwords", targetTokens);
      return json;
    }
  }

  /** Frozen counts for all splits. */
  public record Summary(Map<Split, SplitCounts> splits) implements Serializable {

    public SplitCounts get(Split split) {
      return splits.get(split);
    }
  }
}
