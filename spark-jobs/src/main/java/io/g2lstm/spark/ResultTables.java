package io.g2lstm.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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
 * style, {@code run_id=<id>/part-*.parquet}), and the evaluation tables also by the trained model within the run
 * ({@code run_id=<id>/model_run=<training run>/part-*.parquet}). A partition's rows are always written together,
 * replacing that partition and no other (Spark's dynamic partition overwrite, which stages the files and moves them
 * into place), so re-running a job replaces its rows instead of adding to them, and jobs writing other partitions
 * (the models of one study, evaluated in parallel) do not disturb each other. The resolved configuration behind each
 * partition lies beside the table in {@code _provenance/} (names starting with {@code _} are invisible to readers).
 */
public final class ResultTables {

  public static final String RUN_ID = "run_id";
  /** The training run of the model a row is about: the second partition column of the evaluation tables. */
  public static final String MODEL_RUN = "model_run";
  private static final String PROVENANCE = "_provenance";

  private ResultTables() {}

  /** The directory of {@code table}. */
  public static String location(String warehouse, String table) {
    return new Path(warehouse, table).toString();
  }

  /** Replaces the rows of run {@code runId} (every row must carry it in {@code run_id}). */
  public static void replaceRun(SparkSession spark, String warehouse, String table, String runId, List<Row> rows,
      StructType schema) {
    replacePartition(spark, warehouse, table, rows, schema, List.of(runId), RUN_ID);
  }

  /**
   * Replaces the rows of one partition: {@code values} are its values of the string columns {@code columns}, which
   * every row must carry. A partition without rows is left as it was.
   */
  public static void replacePartition(SparkSession spark, String warehouse, String table, List<Row> rows,
      StructType schema, List<String> values, String... columns) {
    for (Row row : rows) {
      for (int c = 0; c < columns.length; c++) {
        if (!values.get(c).equals(row.getString(schema.fieldIndex(columns[c])))) {
          throw new IllegalArgumentException("expected rows of " + columns[c] + " = " + values.get(c) + ", found "
              + row);
        }
      }
    }
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic").partitionBy(columns).parquet(location(warehouse, table));
  }

  /**
   * The rows of run {@code runId} (of all its models, in tables partitioned by model too), columns in
   * {@code schema}'s order; none when the table or the run does not exist yet.
   */
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

  /**
   * Writes the resolved configuration behind one partition's rows beside the table, replacing an older one
   * atomically: {@code _provenance/run_id=<id>.conf}, or {@code _provenance/run_id=<id>/model_run=<run>.conf} for
   * the evaluation tables.
   *
   * @param values the partition's values of {@code run_id} and, for the evaluation tables, {@code model_run}
   */
  public static void writeProvenance(String warehouse, String table, List<String> values,
      String resolvedConfiguration, Configuration conf) {
    List<String> columns = List.of(RUN_ID, MODEL_RUN);
    if (values.isEmpty() || values.size() > columns.size()) {
      throw new IllegalArgumentException("expected values of " + columns + ", found " + values);
    }
    Path path = new Path(location(warehouse, table), PROVENANCE);
    for (int i = 0; i < values.size(); i++) {
      String name = columns.get(i) + "=" + ExternalCatalogUtils.escapePathName(values.get(i));
      path = new Path(path, i == values.size() - 1 ? name + ".conf" : name);
    }
    HadoopFiles.writeText(path, resolvedConfiguration, conf);
  }
}
