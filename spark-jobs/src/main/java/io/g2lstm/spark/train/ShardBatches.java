package io.g2lstm.spark.train;

import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.train.TrainingSeeds;
import io.g2lstm.spark.ShardSchema;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Turns the Parquet shards of {@code prepare} into minibatches on the executors, one partition at a time: the
 * corpus never passes through the driver. Training batches are length-bucketed within a partition (the shards are
 * hash-spread, so each holds a sample of all lengths) in an order fixed by the seed and the partition; validation
 * batches keep the shard order.
 */
final class ShardBatches {

  private ShardBatches() {}

  /**
   * Length-bucketed training minibatches of exactly {@code batchSize} pairs (see {@link Minibatches#planFull}); with
   * {@code maxBatches} > 0, about that many in all (an equal share from each partition).
   */
  static JavaRDD<MultiDataSet> training(Dataset<Row> shards, int batchSize, long seed, int maxBatches) {
    JavaRDD<Row> rows = shards.javaRDD();
    int perPartition = maxBatches == 0 ? Integer.MAX_VALUE
        : Math.max(1, (maxBatches + rows.getNumPartitions() - 1) / rows.getNumPartitions());
    return rows.mapPartitionsWithIndex(new Encode(batchSize, seed, true, perPartition), true);
  }

  /** Minibatches in shard order, for evaluation. */
  static JavaRDD<MultiDataSet> inOrder(Dataset<Row> shards, int batchSize) {
    return shards.javaRDD().mapPartitionsWithIndex(new Encode(batchSize, 0, false, Integer.MAX_VALUE), true);
  }

  /** Plans a partition's batches and encodes each only when the consumer asks for it. */
  private record Encode(int batchSize, long seed, boolean bucketed, int maxBatches)
      implements Function2<Integer, Iterator<Row>, Iterator<MultiDataSet>> {

    @Override
    public Iterator<MultiDataSet> call(Integer partition, Iterator<Row> rows) {
      ParallelIds pairs = ShardSchema.pairs(rows);
      List<int[]> planned = bucketed ? Minibatches.planFull(pairs, batchSize,
          TrainingSeeds.batchOrder(seed, partition))
          : Minibatches.inOrder(pairs.size(), batchSize);
      List<int[]> batches = planned.subList(0, Math.min(maxBatches, planned.size()));
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < batches.size();
        }

        @Override
        public MultiDataSet next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return Minibatches.encode(pairs, batches.get(next++), DataType.FLOAT);
        }
      };
    }
  }
}
