package io.g2lstm.spark.report;

import io.g2lstm.common.DataException;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.report.BleuRow;
import io.g2lstm.report.CompressionRow;
import io.g2lstm.report.GateHistogramRow;
import io.g2lstm.report.ReportData;
import io.g2lstm.report.ReportWriter;
import io.g2lstm.report.TokenGateRow;
import io.g2lstm.report.TrainingRow;
import io.g2lstm.spark.HadoopFiles;
import io.g2lstm.spark.ResultTables;
import io.g2lstm.spark.eval.BleuScoreRow;
import io.g2lstm.spark.eval.CompressionResultRow;
import io.g2lstm.spark.gates.GateHistogramTableRow;
import io.g2lstm.spark.gates.GateTokenMeanRow;
import io.g2lstm.spark.train.TrainingMetrics;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code report} command: reads the result tables of one run (every model's rows of {@code bleu_scores},
 * {@code compression_results}, {@code gate_histograms}, {@code gate_token_means}, and the {@code training_metrics}
 * of the models' training runs) and renders the study report into {@code <output>/<run id>/}.
 */
public final class ReportJob {

  private ReportJob() {}

  /**
   * Writes the report of {@code runId} into {@code <output>/<run id>} and returns that directory.
   *
   * @param setting the setting or option that chose {@code output}, for messages
   */
  public static Path run(SparkSession spark, String warehouse, String runId, Path output, String setting) {
    Path directory = output.resolve(runId);
    ReportWriter.REPORT.requireReplaceable(LocalFileStore.INSTANCE, directory.toString(), setting);
    HadoopFiles.requireWritable(setting, output.toString(), spark.sparkContext().hadoopConfiguration());
    List<BleuRow> bleu = new ArrayList<>();
    for (Row row : ResultTables.readRun(spark, warehouse, BleuScoreRow.TABLE, runId, BleuScoreRow.SCHEMA)) {
      bleu.add(new BleuRow(row.getAs(ResultTables.MODEL_RUN), row.getAs("model"), row.getAs("gate_mode"),
          row.getAs("epoch"), row.getAs("test_set"), row.getAs("beam"), row.getAs("flavour"), row.getAs("score"),
          row.getList(row.fieldIndex("precisions")), row.getAs("brevity_penalty"), row.getAs("hyp_length"),
          row.getAs("ref_length"), row.getAs("signature")));
    }
    List<CompressionRow> compression = new ArrayList<>();
    for (Row row : ResultTables.readRun(spark, warehouse, CompressionResultRow.TABLE, runId,
        CompressionResultRow.SCHEMA)) {
      compression.add(new CompressionRow(row.getAs(ResultTables.MODEL_RUN), row.getAs("model"),
          row.getAs("gate_mode"), row.getAs("method"), optionalDouble(row, "step"), optionalDouble(row, "clip"),
          row.isNullAt(row.fieldIndex("rank")) ? OptionalInt.empty() : OptionalInt.of(row.getAs("rank")),
          row.getAs("test_set"), row.getAs("bleu"), row.getAs("bleu_change"), row.getAs("valid_perplexity"),
          row.getAs("compression_ratio")));
    }
    List<GateHistogramRow> histograms = new ArrayList<>();
    for (Row row : ResultTables.readRun(spark, warehouse, GateHistogramTableRow.TABLE, runId,
        GateHistogramTableRow.SCHEMA)) {
      histograms.add(new GateHistogramRow(row.getAs(ResultTables.MODEL_RUN), row.getAs("model"),
          row.getAs("gate_mode"), row.getAs("layer"), row.getAs("gate"), row.getAs("bin"), row.getAs("lower"),
          row.getAs("upper"), row.getAs("count"), row.getAs("share_below_0_1"), row.getAs("share_above_0_9")));
    }
    List<TokenGateRow> tokens = new ArrayList<>();
    for (Row row : ResultTables.readRun(spark, warehouse, GateTokenMeanRow.TABLE, runId, GateTokenMeanRow.SCHEMA)) {
      tokens.add(new TokenGateRow(row.getAs(ResultTables.MODEL_RUN), row.getAs("model"), row.getAs("gate_mode"),
          row.getAs("layer"), row.getAs("sentence"), row.getAs("position"), row.getAs("token"),
          row.getAs("input_mean"), row.getAs("forget_mean")));
    }
    Set<String> trainingRuns = new TreeSet<>();
    bleu.forEach(row -> trainingRuns.add(row.modelRun()));
    compression.forEach(row -> trainingRuns.add(row.modelRun()));
    histograms.forEach(row -> trainingRuns.add(row.modelRun()));
    tokens.forEach(row -> trainingRuns.add(row.modelRun()));
    if (trainingRuns.isEmpty()) {
      trainingRuns.add(runId);
    }
    List<TrainingRow> training = new ArrayList<>();
    for (String trainingRun : trainingRuns) {
      for (Row row : ResultTables.readRun(spark, warehouse, TrainingMetrics.TABLE, trainingRun,
          TrainingMetrics.SCHEMA)) {
        TrainingMetrics metrics = TrainingMetrics.fromRow(row);
        training.add(new TrainingRow(metrics.runId(), metrics.model(), metrics.gateMode(), metrics.epoch(),
            metrics.trainLoss(), metrics.validPerplexity()));
      }
    }
    if (bleu.isEmpty() && compression.isEmpty() && histograms.isEmpty() && tokens.isEmpty() && training.isEmpty()) {
      throw new DataException(warehouse + ": expected results of run '" + runId + "' in its tables ("
          + BleuScoreRow.TABLE + ", " + CompressionResultRow.TABLE + ", " + GateHistogramTableRow.TABLE + ", "
          + GateTokenMeanRow.TABLE + ", " + TrainingMetrics.TABLE + "), found none");
    }
    ReportWriter.write(new ReportData(runId, "tables read from " + warehouse + " at "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS), bleu, compression, histograms, tokens, training),
        directory);
    return directory;
  }

  private static OptionalDouble optionalDouble(Row row, String column) {
    return row.isNullAt(row.fieldIndex(column)) ? OptionalDouble.empty() : OptionalDouble.of(row.getAs(column));
  }
}
