package io.g2lstm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.model.layer.GateMode;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.EvaluatedModel;
import io.g2lstm.results.TrainingMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Result tables in SQL keep their declared types, where Spark's partition inference would not. */
class TableCatalogTest {

  private static SparkSession spark;

  @TempDir
  static Path warehouse;

  @BeforeAll
  static void writeTables() {
    spark = SparkSessions.open("table-catalog-test", Optional.of("local[1]"));
    for (String run : List.of("0123", "2026-11-21")) {
      ResultTables.replacePartition(spark, warehouse.toString(), TrainingMetrics.TABLE, List.of(
          new TrainingMetrics(run, "tiny", GateMode.G2, 1, 10, 2.5, 9.0, 100, 5, 1),
          new TrainingMetrics(run, "tiny", GateMode.G2, 2, 20, 2.0, 7.0, 100, 5, 1)), List.of(run));
    }
    EvaluatedModel model = new EvaluatedModel("0123", "tiny", GateMode.G2, 2);
    ResultTables.replacePartition(spark, warehouse.toString(), BleuScoreRow.TABLE, List.of(new BleuScoreRow("0123",
        model, "c", "t", 10, 5, BleuFlavour.SACREBLEU, 30.5, List.of(60.0, 40.0, 30.0, 20.0), 1, 90, 90, "s")),
        List.of("0123", "0123"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void partitionInferenceWouldChangeTheRunIdsAndTheViewsDoNot() {
    Row inferred = spark.read().parquet(warehouse.resolve("bleu_scores").toString()).select("run_id").first();
    assertEquals(123, inferred.get(0), "partition inference reads the run id 0123 as a number");

    assertEquals(List.of("training_metrics", "bleu_scores"), TableCatalog.registerViews(spark,
        warehouse.toString()), "only the tables written so far");
    assertEquals(List.of("0123", "2026-11-21"), spark.sql("SELECT DISTINCT run_id FROM training_metrics ORDER BY "
        + "run_id").collectAsList().stream().map(row -> row.get(0)).toList());
    Row bleu = spark.sql("SELECT run_id, model_run, gate_mode, score, precisions FROM bleu_scores").first();
    assertEquals("0123", bleu.get(0));
    assertEquals("0123", bleu.get(1));
    assertEquals("g2", bleu.get(2));
    assertEquals(30.5, bleu.getDouble(3));
    assertEquals(List.of(60.0, 40.0, 30.0, 20.0), bleu.getList(4));
  }

  @Test
  void catalogTablesHaveTheDeclaredSchemaAndEveryPartition() {
    List<String> statements = TableCatalog.createTables(spark, warehouse.toString(), "g2lstm_test");
    assertEquals("CREATE DATABASE IF NOT EXISTS `g2lstm_test`", statements.get(0));
    assertTrue(statements.get(1).startsWith("CREATE TABLE IF NOT EXISTS `g2lstm_test`.`training_metrics` ("
        + "run_id STRING NOT NULL,"), statements.get(1));
    assertEquals(4, spark.table("g2lstm_test.training_metrics").count());
    assertEquals(DataTypes.StringType, spark.table("g2lstm_test.training_metrics").schema().apply("run_id")
        .dataType());
    assertEquals(1, spark.sql("SELECT * FROM g2lstm_test.bleu_scores WHERE run_id = '0123'").count());
    TableCatalog.createTables(spark, warehouse.toString(), "g2lstm_test");
    assertEquals(4, spark.table("g2lstm_test.training_metrics").count(), "creating again changes nothing");
  }
}
