package io.g2lstm.spark;

import io.g2lstm.results.ColumnType;
import io.g2lstm.results.ResultTable;
import io.g2lstm.results.RowCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The result tables notebooks read: Parquet under {@code <warehouse>/<table>}, partitioned by {@code run_id} (Hive
 * style, {@code run_id=<id>/part-*.parquet}), and the evaluation tables also by the trained model within the run
 * ({@code run_id=<id>/model_run=<training run>/part-*.parquet}). A partition's rows are always written together,
 * replacing that partition and no other (Spark's dynamic partition overwrite, which stages the files and moves them
 * into place), so re-running a job replaces its rows instead of adding to them, and jobs writing other partitions
 * (the models of one study, evaluated in parallel) do not disturb each other. The resolved configuration behind each
 * partition lies beside the table in {@code _provenance/} (names starting with {@code _} are invisible to readers).
 *
 * <p>The tables and their rows are described once, without Spark, in {@code io.g2lstm.results}; this class turns a
 * table's {@link RowCodec} columns into a Spark schema and its records into rows and back, by column name.
 */
public final class ResultTables {

  private static final String PROVENANCE = "_provenance";

  private ResultTables() {}

  /** The directory of {@code table}. */
  public static String location(String warehouse, ResultTable<?> table) {
    return new Path(warehouse, table.name()).toString();
  }

  /** The Spark schema of {@code table}: its columns in order, nullable where the record's component is optional. */
  public static StructType schema(ResultTable<?> table) {
    StructType schema = new StructType();
    for (RowCodec.ColumnSpec column : table.codec().columns()) {
      schema = schema.add(column.name(), sparkType(column.type()), column.nullable());
    }
    return schema;
  }

  private static DataType sparkType(ColumnType type) {
    return switch (type) {
      case TEXT -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case DOUBLES -> DataTypes.createArrayType(DataTypes.DoubleType, false);
    };
  }

  /** The Spark row of a record of {@code table}. */
  public static <R extends Record> Row toRow(ResultTable<R> table, R record) {
    return toRow(table.codec().values(record));
  }

  private static Row toRow(List<Object> values) {
    Object[] cells = new Object[values.size()];
    for (int i = 0; i < cells.length; i++) {
      Object value = values.get(i);
      cells[i] = value instanceof List<?> list ? list.toArray(new Double[0]) : value;
    }
    return RowFactory.create(cells);
  }

  /** The record of a row of {@code table} read with {@link #schema}; {@code origin} says where it was read. */
  public static <R extends Record> R fromRow(ResultTable<R> table, Row row, String origin) {
    StructType schema = row.schema();
    return table.codec().read(name -> {
      int index = schema.fieldIndex(name);
      if (row.isNullAt(index)) {
        return null;
      }
      return schema.fields()[index].dataType() instanceof ArrayType
          ? new ArrayList<>(row.getList(index)) : row.get(index);
    }, origin);
  }

  /**
   * Replaces the rows of one partition of {@code table}: {@code values} are its values of the table's partition
   * columns (all of them, or the leading ones), which every row must carry. A partition without rows is left as
   * it was.
   */
  public static <R extends Record> void replacePartition(SparkSession spark, String warehouse, ResultTable<R> table,
      List<R> records, List<String> values) {
    List<String> partitions = table.partitions();
    if (values.isEmpty() || values.size() > partitions.size()) {
      throw new IllegalArgumentException("expected values of " + partitions + ", found " + values);
    }
    RowCodec<R> codec = table.codec();
    List<Row> rows = new ArrayList<>();
    for (R record : records) {
      List<Object> cells = codec.values(record);
      for (int c = 0; c < values.size(); c++) {
        if (!values.get(c).equals(cells.get(codec.index(partitions.get(c))))) {
          throw new IllegalArgumentException(table + ": expected rows of " + partitions.get(c) + " = "
              + values.get(c) + ", found " + record);
        }
      }
      rows.add(toRow(cells));
    }
    spark.createDataFrame(rows, schema(table)).coalesce(1).write().mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic").partitionBy(partitions.toArray(new String[0]))
        .parquet(location(warehouse, table));
  }

  /** Whether {@code table} holds a partition of run {@code runId}. */
  public static boolean hasRun(String warehouse, ResultTable<?> table, String runId, Configuration conf) {
    Path directory = runPartition(warehouse, table, runId);
    try {
      return directory.getFileSystem(conf).exists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + directory, e);
    }
  }

  private static Path runPartition(String warehouse, ResultTable<?> table, String runId) {
    return new Path(location(warehouse, table), ResultTable.RUN_ID + "=" + ExternalCatalogUtils.escapePathName(runId));
  }

  /**
   * The rows of run {@code runId} (of all its models, in tables partitioned by model too), in the order they were
   * written; none when the table or the run does not exist yet. A row that does not fit its record (an unknown gate
   * mode, a missing value) is a {@code DataException} naming the table.
   */
  public static <R extends Record> List<R> readRun(SparkSession spark, String warehouse, ResultTable<R> table,
      String runId) {
    if (!hasRun(warehouse, table, runId, spark.sparkContext().hadoopConfiguration())) {
      return List.of();
    }
    Path directory = runPartition(warehouse, table, runId);
    StructType schema = schema(table);
    Dataset<Row> rows = spark.read().schema(schema).option("basePath", location(warehouse, table))
        .parquet(directory.toString());
    String origin = "table " + table + " in " + warehouse;
    List<R> records = new ArrayList<>();
    for (Row row : rows.select(columns(schema)).collectAsList()) {
      records.add(fromRow(table, row, origin));
    }
    return records;
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
  public static void writeProvenance(String warehouse, ResultTable<?> table, List<String> values,
      String resolvedConfiguration, Configuration conf) {
    List<String> columns = table.partitions();
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
