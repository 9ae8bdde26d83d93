package io.g2lstm.spark;

import io.g2lstm.results.ResultTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The result tables for SQL, with their declared column types rather than what Spark's partition inference makes of
 * the directory names (a run id {@code 0123} would read as the integer 123, {@code 2026-11-21} as a date): as
 * temporary views of this session, or as tables of the session's catalog (persistent where the catalog is, as with
 * {@code spark.sql.catalogImplementation=hive}). Tables with nothing written yet are left out.
 */
public final class TableCatalog {

  private TableCatalog() {}

  /** Registers each table under {@code warehouse} as a temporary view of its name; returns the names. */
  public static List<String> registerViews(SparkSession spark, String warehouse) {
    List<String> names = new ArrayList<>();
    for (ResultTable<?> table : existing(spark, warehouse)) {
      String location = ResultTables.location(warehouse, table);
      spark.read().schema(ResultTables.schema(table)).option("basePath", location).parquet(location)
          .createOrReplaceTempView(table.name());
      names.add(table.name());
    }
    return names;
  }

  /**
   * Creates each table under {@code warehouse} in {@code database} of the session's catalog, if not there yet, over
   * the table's files, and picks up its partitions; returns the statements run.
   */
  public static List<String> createTables(SparkSession spark, String warehouse, String database) {
    List<String> statements = new ArrayList<>();
    statements.add("CREATE DATABASE IF NOT EXISTS " + quoted(database));
    for (ResultTable<?> table : existing(spark, warehouse)) {
      String name = quoted(database) + "." + quoted(table.name());
      statements.add("CREATE TABLE IF NOT EXISTS " + name + " (" + ResultTables.schema(table).toDDL()
          + ") USING parquet PARTITIONED BY (" + String.join(", ", table.partitions()) + ") LOCATION '"
          + ResultTables.location(warehouse, table).replace("\\", "\\\\").replace("'", "\\'") + "'");
      statements.add("ALTER TABLE " + name + " RECOVER PARTITIONS");
    }
    for (String statement : statements) {
      spark.sql(statement);
    }
    return statements;
  }

  private static List<ResultTable<?>> existing(SparkSession spark, String warehouse) {
    List<ResultTable<?>> tables = new ArrayList<>();
    for (ResultTable<?> table : ResultTable.all()) {
      Path location = new Path(ResultTables.location(warehouse, table));
      try {
        FileSystem fs = location.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(location)) {
          tables.add(table);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + location, e);
      }
    }
    return tables;
  }

  private static String quoted(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
