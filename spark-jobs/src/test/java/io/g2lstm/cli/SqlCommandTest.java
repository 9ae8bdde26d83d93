package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.results.TrainingMetrics;
import io.g2lstm.spark.ResultTables;
import io.g2lstm.spark.SparkSessions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sql} and {@code tables} over a warehouse: declared types, tab-separated output, one-line errors. */
class SqlCommandTest {

  @TempDir
  Path dir;

  private Path warehouse() throws Exception {
    Path warehouse = dir.resolve("warehouse");
    SparkSession spark = SparkSessions.open("sql-test", Optional.of("local[1]"));
    try {
      ResultTables.replacePartition(spark, warehouse.toString(), TrainingMetrics.TABLE, List.of(
          new TrainingMetrics("0123", "tiny\tmodel", GateMode.G2, 1, 10, 2.5, Double.NaN, 100, 5, 1)),
          List.of("0123"));
    } finally {
      spark.stop();
    }
    return warehouse;
  }

  private String[] args(String command, Path warehouse, String... more) throws Exception {
    Path conf = Files.writeString(dir.resolve("job.conf"), "results.warehouse = \"" + warehouse + "\"\n");
    String[] head = {"--conf", conf.toString(), "--set", "paths.any=1"};
    String[] all = new String[head.length + more.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return all;
  }

  @Test
  void aQueryPrintsTabSeparatedRowsWithTheDeclaredTypes() throws Exception {
    Path warehouse = warehouse();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JobCommands.sql(List.of(args("sql", warehouse, "SELECT run_id, model, epoch, valid_perplexity, "
        + "CAST(NULL AS STRING) AS nothing FROM training_metrics")), new PrintStream(out, true,
            StandardCharsets.UTF_8));
    assertEquals("run_id\tmodel\tepoch\tvalid_perplexity\tnothing\n0123\ttiny\\tmodel\t1\tNaN\t\\N\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aBadQueryIsAConfigurationErrorNamingTheTables() throws Exception {
    Path warehouse = warehouse();
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> JobCommands.sql(List.of(args("sql",
        warehouse, "SELECT * FROM bleu_scores")), new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("'sql': ") && e.getMessage().endsWith("(tables: training_metrics)"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void tablesPrintsTheStatementsItRan() throws Exception {
    Path warehouse = warehouse();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JobCommands.tables(List.of(args("tables", warehouse, "--database", "study")), new PrintStream(out, true,
        StandardCharsets.UTF_8));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of("CREATE DATABASE IF NOT EXISTS `study`;", "ALTER TABLE `study`.`training_metrics` RECOVER "
        + "PARTITIONS;"), List.of(lines.get(0), lines.get(2)));
    assertTrue(lines.get(1).endsWith("USING parquet PARTITIONED BY (run_id) LOCATION '"
        + warehouse.resolve("training_metrics").toUri().toString().replaceAll("/$", "") + "';")
        || lines.get(1).endsWith("LOCATION '" + warehouse.resolve("training_metrics") + "';"), lines.get(1));
  }
}
