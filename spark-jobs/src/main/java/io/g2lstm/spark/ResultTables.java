package io.g2lstm.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * The result tables notebooks read: Parquet under {@code <warehouse>/<table>}, partitioned by {@code run_id} (Hive
 * style, {@code run_id=<id>/part-*.parquet}). A run's rows are always written together, replacing that run's
 * partition and no other (Spark's dynamic partition overwrite, which stages the files and moves them into place), so
 * re-running a run id replaces its rows instead of adding to them. The resolved configuration of each run lies
 * beside the table in {@code _provenance/run_id=<id>.conf} (names starting with {@code _} are invisible to readers).
 */
public final class ResultTables {

  public static final String RUN_ID = "run_id";
  private static final String PROVENANCE = "_provenance";

  private ResultTables() {}

  /** The directory of {@code table}. */
  public static String location(String warehouse, String table) {
    return new Path(warehouse, table).toString();
  }

  /** Replaces the rows of run {@code runId} (every row must carry it in {@code run_id}). */
  public static void replaceRun(SparkSession spark, String warehouse, String table, String runId, List<Row> rows,
      StructType schema) {
    int runColumn = schema.fieldIndex(RUN_ID);
    for (Row row : rows) {
      if (!runId.equals(row.getString(runColumn))) {
        throw new IllegalArgumentException("expected rows of run " + runId + ", found " + row);
      }
    }
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic").partitionBy(RUN_ID).parquet(location(warehouse, table));
  }

  /** The rows of run {@code runId}, columns in {@code schema}'s order; none when the table does not exist yet. */
  public static List<Row> readRun(SparkSession spark, String warehouse, String table, String runId,
      StructType schema) {
    Path directory = new Path(location(warehouse, table), RUN_ID + "=" + ExternalCatalogUtils.escapePathName(runId));
    try {
      if (!directory.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(directory)) {
        return List.of();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + directory, e);
    }
    Dataset<Row> rows = spark.read().schema(schema).option("basePath", location(warehouse, table))
        .parquet(directory.toString());
    return rows.select(columns(schema)).collectAsList();
  }

  private static org.apache.spark.sql.Column[] columns(StructType schema) {
    String[] names = schema.fieldNames();
    org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[names.length];
    for (int i = 0; i < names.length; i++) {
      columns[i] = functions.col(names[i]);
    }
    return columns;
  }

  /** Writes the resolved configuration of a run beside the table, replacing an older one atomically. */
  public static void writeProvenance(String warehouse, String table, String runId, String resolvedConfiguration,
      Configuration conf) {
    Path directory = new Path(location(warehouse, table), PROVENANCE);
    Path target = new Path(directory, RUN_ID + "=" + ExternalCatalogUtils.escapePathName(runId) + ".conf");
    Path staging = new Path(directory, "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      FileContext files = FileContext.getFileContext(directory.toUri(), conf);
      try (FSDataOutputStream out = directory.getFileSystem(conf).create(staging, true)) {
        out.write(resolvedConfiguration.getBytes(StandardCharsets.UTF_8));
      }
      files.rename(staging, target, Options.Rename.OVERWRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target, e);
    }
  }
}
