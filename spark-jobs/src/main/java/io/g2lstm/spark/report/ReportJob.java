package io.g2lstm.spark.report;

import io.g2lstm.common.DataException;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.report.ReportData;
import io.g2lstm.report.ReportWriter;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.CompressionResultRow;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.GateTokenMeanRow;
import io.g2lstm.results.ResultTable;
import io.g2lstm.results.TrainingMetrics;
import io.g2lstm.spark.HadoopFiles;
import io.g2lstm.spark.ResultTables;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code report} command: reads the result tables of one run (every model's rows of {@code bleu_scores},
 * {@code compression_results}, {@code gate_histograms}, {@code gate_token_means}, and the {@code training_metrics}
 * of the models' training runs) and renders the study report into {@code <output>/<run id>/}.
 */
public final class ReportJob {

  private ReportJob() {}

  /**
   * What the job checks before reading the tables, without a Spark session ({@code report --check}): that
   * {@code <output>/<run id>} may be replaced (it is absent or a report) and written, and that the warehouse holds
   * results of the run. Returns what it found, a line each.
   */
  public static List<String> check(String warehouse, String runId, Path output, String setting,
      Configuration conf) {
    Path directory = output.resolve(runId);
    ReportWriter.REPORT.requireReplaceable(LocalFileStore.INSTANCE, directory.toString(), setting);
    HadoopFiles.requireWritable(setting, output.toString(), conf);
    List<String> tables = new ArrayList<>();
    for (ResultTable<?> table : List.of(BleuScoreRow.TABLE, CompressionResultRow.TABLE, GateHistogramRow.TABLE,
        GateTokenMeanRow.TABLE, TrainingMetrics.TABLE)) {
      if (ResultTables.hasRun(warehouse, table, runId, conf)) {
        tables.add(table.name());
      }
    }
    if (tables.isEmpty()) {
      throw new DataException(warehouse + ": expected results of run '" + runId + "' in its tables, found none");
    }
    return List.of("results.warehouse " + warehouse + ": run " + runId + " in " + String.join(", ", tables),
        setting + " " + directory + ": writable");
  }

  /**
   * Writes the report of {@code runId} into {@code <output>/<run id>} and returns that directory.
   *
   * @param setting the setting or option that chose {@code output}, for messages
   */
  public static Path run(SparkSession spark, String warehouse, String runId, Path output, String setting) {
    check(warehouse, runId, output, setting, spark.sparkContext().hadoopConfiguration());
    Path directory = output.resolve(runId);
    List<BleuScoreRow> bleu = ResultTables.readRun(spark, warehouse, BleuScoreRow.TABLE, runId);
    List<CompressionResultRow> compression = ResultTables.readRun(spark, warehouse, CompressionResultRow.TABLE,
        runId);
    List<GateHistogramRow> histograms = ResultTables.readRun(spark, warehouse, GateHistogramRow.TABLE, runId);
    List<GateTokenMeanRow> tokens = ResultTables.readRun(spark, warehouse, GateTokenMeanRow.TABLE, runId);
    Set<String> trainingRuns = new TreeSet<>();
    bleu.forEach(row -> trainingRuns.add(row.model().modelRun()));
    compression.forEach(row -> trainingRuns.add(row.model().modelRun()));
    histograms.forEach(row -> trainingRuns.add(row.model().modelRun()));
    tokens.forEach(row -> trainingRuns.add(row.model().modelRun()));
    if (trainingRuns.isEmpty()) {
      trainingRuns.add(runId);
    }
    List<TrainingMetrics> training = new ArrayList<>();
    for (String trainingRun : trainingRuns) {
      training.addAll(ResultTables.readRun(spark, warehouse, TrainingMetrics.TABLE, trainingRun));
    }
    if (bleu.isEmpty() && compression.isEmpty() && histograms.isEmpty() && tokens.isEmpty() && training.isEmpty()) {
      throw new DataException(warehouse + ": expected results of run '" + runId + "' in its tables ("
          + BleuScoreRow.TABLE + ", " + CompressionResultRow.TABLE + ", " + GateHistogramRow.TABLE + ", "
          + GateTokenMeanRow.TABLE + ", " + TrainingMetrics.TABLE + "), found none");
    }
    ReportWriter.write(new ReportData(runId, "tables read from " + warehouse + " at "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS), bleu, compression, histograms, tokens, training),
        directory);
    return directory;
  }
}
