package io.g2lstm.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of a Parquet shard written by {@code prepare}:
 * {@code seq_id} (long; corpus index * 10^12 + line), {@code src_ids} and {@code tgt_ids} (arrays of vocabulary ids,
 * without {@code <s>}/{@code </s>}), {@code src_len} and {@code tgt_len} (their lengths).
 */
public final class ShardSchema {

  public static final String SEQUENCE_ID = "seq_id";
  public static final String SOURCE_IDS = "src_ids";
  public static final String TARGET_IDS = "tgt_ids";
  public static final String SOURCE_LENGTH = "src_len";
  public static final String TARGET_LENGTH = "tgt_len";

  public static final StructType SCHEMA = new StructType()
      .add(SEQUENCE_ID, DataTypes.LongType, false)
      .add(SOURCE_IDS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add(TARGET_IDS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add(SOURCE_LENGTH, DataTypes.IntegerType, false)
      .add(TARGET_LENGTH, DataTypes.IntegerType, false);

  private ShardSchema() {}

  /** Spark rows hold arrays as boxed values. */
  static Integer[] boxed(int[] ids) {
    Integer[] boxed = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boxed[i] = ids[i];
    }
    return boxed;
  }
}
