package io.g2lstm.spark;

import io.g2lstm.common.DataException;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.prep.pipeline.PrepareManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads one split of the Parquet shards written by {@code prepare} into memory, without a Spark session: what a
 * single-process trainer or a translation of the test split needs. Works on any Hadoop file system.
 */
public final class ShardReader {

  private ShardReader() {}

  /** All pairs of {@code split} under the prepared-data directory {@code data}, in file order. */
  public static ParallelIds read(String data, Split split, Configuration conf) {
    List<Long> ids = new ArrayList<>();
    List<int[]> sources = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    try {
      for (FileStatus file : files(data, split, conf)) {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file.getPath())
            .withConf(conf).build()) {
          for (Group row = reader.read(); row != null; row = reader.read()) {
            ids.add(row.getLong(ShardSchema.SEQUENCE_ID, 0));
            sources.add(intList(row, ShardSchema.SOURCE_IDS));
            targets.add(intList(row, ShardSchema.TARGET_IDS));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the " + split.label() + " shards in " + data, e);
    }
    long[] sequenceIds = new long[ids.size()];
    for (int i = 0; i < sequenceIds.length; i++) {
      sequenceIds[i] = ids.get(i);
    }
    return new ParallelIds(sequenceIds, sources.toArray(new int[0][]), targets.toArray(new int[0][]));
  }

  /** How many pairs the shards of {@code split} hold, from the Parquet footers alone. */
  public static long count(String data, Split split, Configuration conf) {
    long rows = 0;
    try {
      for (FileStatus file : files(data, split, conf)) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
          rows += reader.getRecordCount();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the " + split.label() + " shards in " + data, e);
    }
    return rows;
  }

  /** The shard files of {@code split}, sorted by name. */
  private static FileStatus[] files(String data, Split split, Configuration conf) throws IOException {
    Path dir = new Path(data, PrepareManifest.shardDirectory(split));
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.isDirectory(dir)) {
      throw new DataException(data + ": expected the " + split.label() + " shards of 'prepare' in " + dir
          + ", found none");
    }
    FileStatus[] files = fs.listStatus(dir, path -> path.getName().endsWith(".parquet"));
    Arrays.sort(files);
    return files;
  }

  /** A Spark array column: a LIST group of repeated {@code list} groups holding one {@code element} each. */
  private static int[] intList(Group row, String column) {
    Group list = row.getGroup(column, 0);
    int n = list.getFieldRepetitionCount(0);
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = list.getGroup(0, i).getInteger(0, 0);
    }
    return values;
  }
}
