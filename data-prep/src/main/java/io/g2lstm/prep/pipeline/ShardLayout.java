package io.g2lstm.prep.pipeline;

import java.io.Serializable;

/**
 * How training pairs are laid out in Parquet shards: each pair goes to a pseudo-random shard chosen from its
 * sequence id (stable across runs), and each shard is sorted by target length, then source length, then id, so a
 * trainer that streams a shard can cut length-bucketed minibatches from consecutive rows.
 *
 * @param shards the number of shards
 */
public record ShardLayout(int shards) implements Serializable {

  /** A single shard, for validation and test data. */
  public static final ShardLayout ONE = new ShardLayout(1);

  public ShardLayout {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1, was " + shards);
    }
  }

  /** The sort key of one pair: shard first, then lengths, then id. */
  public record Key(int shard, int targetLength, int sourceLength, long sequenceId)
      implements Comparable<Key>, Serializable {

    @Override
    public int compareTo(Key o) {
      int c = Integer.compare(shard, o.shard);
      if (c == 0) {
        c = Integer.compare(targetLength, o.targetLength);
      }
      if (c == 0) {
        c = Integer.compare(sourceLength, o.sourceLength);
      }
      return c != 0 ? c : Long.compare(sequenceId, o.sequenceId);
    }
  }

  /** The key of a training pair. */
  public Key key(long sequenceId, int sourceLength, int targetLength) {
    return new Key(shardOf(sequenceId), targetLength, sourceLength, sequenceId);
  }

  /** The key of a pair that keeps corpus order (validation, test). */
  public static Key inOrder(long sequenceId) {
    return new Key(0, 0, 0, sequenceId);
  }

  /** The shard of a sequence id: a mix of its bits (SplitMix64's finalizer), modulo the shard count. */
  public int shardOf(long sequenceId) {
    long z = sequenceId + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (int) Math.floorMod(z, (long) shards);
  }
}
