package io.g2lstm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.DataException;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.CompressionResultRow;
import io.g2lstm.results.EvaluatedModel;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.GateTokenMeanRow;
import io.g2lstm.results.ResultTable;
import io.g2lstm.results.TrainingMetrics;
import io.g2lstm.results.TranslationRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each result table's rows survive Parquet: written as a partition and read back, by column name, unchanged. */
class ResultTablesTest {

  private static final EvaluatedModel MODEL = new EvaluatedModel("run-1", "tiny", GateMode.G2, 2);

  private static SparkSession spark;

  @TempDir
  Path warehouse;

  @BeforeAll
  static void startSpark() {
    spark = SparkSessions.open("result-tables-test", Optional.of("local[1]"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private <R extends Record> void roundTrip(ResultTable<R> table, List<R> rows, List<String> partition) {
    ResultTables.replacePartition(spark, warehouse.toString(), table, rows, partition);
    assertEquals(rows, ResultTables.readRun(spark, warehouse.toString(), table, partition.get(0)), table.name());
  }

  @Test
  void everyTableReadsBackWhatWasWritten() {
    List<String> partition = List.of("study", "run-1");
    roundTrip(BleuScoreRow.TABLE, List.of(new BleuScoreRow("study", MODEL, "hdfs:///c/epoch-002", "t", 64, 5,
        BleuFlavour.SACREBLEU, 27.5, List.of(60.0, 35.0, 21.0, 13.0), 0.98, 1000, 1020, "nrefs:1")), partition);
    roundTrip(CompressionResultRow.TABLE, List.of(
        CompressionResultRow.of("study", MODEL, "paper", Optional.empty(), "t", 27.5, 0, 28, 0, 8.2, 1),
        new CompressionResultRow("study", MODEL, "paper", "svd", Optional.empty(), Optional.empty(), Optional.of(16),
            "t", 27.4, -0.1, 27.9, -0.1, 8.3, 8)), partition);
    roundTrip(GateHistogramRow.TABLE, List.of(new GateHistogramRow("study", MODEL, "decoder-0",
        GateHistogramRow.INPUT, 0, 0, 0.05, 7, 0.1, 0.3, 0.2, 0.4, 10, 300)), partition);
    roundTrip(GateTokenMeanRow.TABLE, List.of(new GateTokenMeanRow("study", MODEL, "decoder-0", 1, 99L, 0, "Köln",
        0.2, 0.8)), partition);
    roundTrip(TranslationRow.TABLE, List.of(new TranslationRow("study", "run-1", "t", 5, 1, "a", "b", "c")),
        partition);
    roundTrip(TrainingMetrics.TABLE, List.of(new TrainingMetrics("run-1", "tiny", GateMode.BASELINE, 1, 454, 5.8,
        Double.NaN, 859, 547.2, 1)), List.of("run-1"));
  }

  @Test
  void aRowOfTheWrongPartitionIsRefusedAndAnUnknownGateModeIsADataError() throws Exception {
    TrainingMetrics row = new TrainingMetrics("run-1", "tiny", GateMode.G2, 1, 1, 1, 1, 1, 1, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultTables.replacePartition(
        spark, warehouse.toString(), TrainingMetrics.TABLE, List.of(row), List.of("run-2")));
    assertTrue(e.getMessage().startsWith("training_metrics: expected rows of run_id = run-2, found"), e.getMessage());

    // A row written by something else, with a gate mode the tables do not know.
    Row bad = RowFactory.create("run-3", "tiny", "G2", 1, 1L, 1.0, 1.0, 1.0, 1.0, 1);
    spark.createDataFrame(List.of(bad), ResultTables.schema(TrainingMetrics.TABLE)).write().mode(SaveMode.Overwrite)
        .partitionBy("run_id").parquet(ResultTables.location(warehouse.toString(), TrainingMetrics.TABLE));
    DataException data = assertThrows(DataException.class, () -> ResultTables.readRun(spark, warehouse.toString(),
        TrainingMetrics.TABLE, "run-3"));
    assertEquals("table training_metrics in " + warehouse + ", column 'gate_mode': expected one of baseline, "
        + "sharpened, g2, found 'G2'", data.getMessage());
    assertEquals(List.of(), ResultTables.readRun(spark, warehouse.toString(), TrainingMetrics.TABLE, "none"));
    assertTrue(Files.isDirectory(warehouse.resolve("training_metrics").resolve("run_id=run-3")));
    assertEquals(DataTypes.IntegerType, ResultTables.schema(CompressionResultRow.TABLE).apply("rank").dataType());
    assertTrue(ResultTables.schema(CompressionResultRow.TABLE).apply("rank").nullable());
  }
}
