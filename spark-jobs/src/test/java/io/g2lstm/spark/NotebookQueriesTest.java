package io.g2lstm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.CompressionResultRow;
import io.g2lstm.results.EvaluatedModel;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.ResultTable;
import io.g2lstm.results.TrainingMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the SQL of {@code deploy/notebooks/g2lstm_results.ipynb} through Spark SQL, on tables read as the notebook
 * reads them (partition type inference off), for a study whose run id would not survive inference.
 */
class NotebookQueriesTest {

  private static final Path NOTEBOOK = Path.of("..", "deploy", "notebooks", "g2lstm_results.ipynb");
  private static final Pattern QUERY = Pattern.compile("spark\\.sql\\(\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
  private static final String RUN = "0123";

  private static SparkSession spark;

  @TempDir
  static Path warehouse;

  @BeforeAll
  static void writeAStudy() {
    spark = SparkSessions.open("notebook-test", Optional.of("local[1]"));
    String location = warehouse.toString();
    List<String> partition = List.of(RUN, "run-g2");
    EvaluatedModel model = new EvaluatedModel("run-g2", "m30k", GateMode.G2, 14);
    ResultTables.replacePartition(spark, location, BleuScoreRow.TABLE, List.of(new BleuScoreRow(RUN, model, "c",
        "test2016", 1000, 5, BleuFlavour.SACREBLEU, 35.11, List.of(66.0, 42.0, 29.0, 20.0), 1, 12000, 12100, "s")),
        partition);
    ResultTables.replacePartition(spark, location, CompressionResultRow.TABLE, List.of(
        CompressionResultRow.of(RUN, model, "paper", Optional.empty(), "test2016", 35.11, 0, 35.21, 0, 8.47, 1),
        new CompressionResultRow(RUN, model, "paper", "svd", Optional.empty(), Optional.empty(), Optional.of(16),
            "test2016", 35.18, 0.07, 35.3, 0.09, 8.5, 8)), partition);
    ResultTables.replacePartition(spark, location, GateHistogramRow.TABLE, List.of(new GateHistogramRow(RUN, model,
        "decoder-0", GateHistogramRow.INPUT, 0, 0, 1, 100, 1, 0.188, 0.391, 0.6, 2000, 30000)), partition);
    ResultTables.replacePartition(spark, location, TrainingMetrics.TABLE, List.of(new TrainingMetrics("run-g2",
        "m30k", GateMode.G2, 1, 454, 5.8, 73.98, 1000, 500, 1)), List.of("run-g2"));
    spark.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
    for (ResultTable<?> table : ResultTable.all()) {
      String path = ResultTables.location(location, table);
      if (Files.isDirectory(Path.of(path))) {
        spark.read().option("basePath", path).parquet(path).createOrReplaceTempView(table.name());
      }
    }
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static List<String> queries() throws Exception {
    Config notebook = ConfigFactory.parseFile(NOTEBOOK.toFile(), ConfigParseOptions.defaults()
        .setSyntax(ConfigSyntax.JSON).setAllowMissing(false));
    List<String> queries = new ArrayList<>();
    for (Config cell : notebook.getConfigList("cells")) {
      if (!cell.getString("cell_type").equals("code")) {
        continue;
      }
      Matcher matcher = QUERY.matcher(String.join("", cell.getStringList("source")));
      while (matcher.find()) {
        queries.add(matcher.group(1).replace("{RUN_ID}", RUN));
      }
    }
    return queries;
  }

  @Test
  void everyQueryOfTheNotebookRunsAndFindsTheStudy() throws Exception {
    List<String> queries = queries();
    assertEquals(4, queries.size(), "the notebook's BLEU, compression, gate share and training queries");
    for (String query : queries) {
      List<Row> rows = spark.sql(query).collectAsList();
      assertTrue(!rows.isEmpty(), "no rows for\n" + query);
    }
    List<Row> compression = spark.sql(queries.get(1)).collectAsList();
    assertEquals(List.of("none", "svd"), compression.stream().map(row -> row.getString(row.fieldIndex("method")))
        .toList());
    assertEquals(16, compression.get(1).getInt(compression.get(1).fieldIndex("rank")));
    Row shares = spark.sql(queries.get(2)).first();
    assertEquals(0.391, shares.getDouble(shares.fieldIndex("above_0_9")));
    Row curve = spark.sql(queries.get(3)).first();
    assertEquals("run-g2", curve.getString(curve.fieldIndex("run_id")));
  }
}
