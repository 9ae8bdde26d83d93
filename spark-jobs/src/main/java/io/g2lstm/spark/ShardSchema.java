package io.g2lstm.spark;

import io.g2lstm.model.data.ParallelIds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
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

  /** The pairs of shard rows, in their order. */
  public static ParallelIds pairs(Iterator<Row> rows) {
    List<Long> ids = new ArrayList<>();
    List<int[]> sources = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      ids.add(row.getLong(row.fieldIndex(SEQUENCE_ID)));
      sources.add(ints(row.getList(row.fieldIndex(SOURCE_IDS))));
      targets.add(ints(row.getList(row.fieldIndex(TARGET_IDS))));
    }
    long[] sequenceIds = new long[ids.size()];
    for (int i = 0; i < sequenceIds.length; i++) {
      sequenceIds[i] = ids.get(i);
    }
    return new ParallelIds(sequenceIds, sources.toArray(new int[0][]), targets.toArray(new int[0][]));
  }

  private static int[] ints(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  /** Spark rows hold arrays as boxed values. */
  static Integer[] boxed(int[] ids) {
    Integer[] boxed = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boxed[i] = ids[i];
    }
    return boxed;
  }
}
