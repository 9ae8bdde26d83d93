package io.g2lstm.spark;

import io.g2lstm.prep.pipeline.ShardLayout;
import org.apache.spark.Partitioner;

/** Sends each pair to the Spark partition of its shard, so each partition is written as one Parquet file. */
final class ShardPartitioner extends Partitioner {

  private final int shards;

  ShardPartitioner(ShardLayout layout) {
    this.shards = layout.shards();
  }

  @Override
  public int numPartitions() {
    return shards;
  }

  @Override
  public int getPartition(Object key) {
    return ((ShardLayout.Key) key).shard();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPartitioner p && p.shards == shards;
  }

  @Override
  public int hashCode() {
    return shards;
  }
}
