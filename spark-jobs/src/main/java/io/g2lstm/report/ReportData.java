package io.g2lstm.report;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.CompressionResultRow;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.GateTokenMeanRow;
import io.g2lstm.results.TrainingMetrics;
import java.util.List;
import java.util.Objects;

/**
 * Everything one study report shows: the results of the models of study run {@code runId}, table by table. Any list
 * may be empty; the report then says which job fills that section. {@code provenance} is one line saying when and
 * from what the data was read (e.g. the warehouse and the time); the report prints it as given, so the same data
 * gives the same report.
 */
public record ReportData(String runId, String provenance, List<BleuScoreRow> bleu,
    List<CompressionResultRow> compression, List<GateHistogramRow> gateHistograms, List<GateTokenMeanRow> tokenGates,
    List<TrainingMetrics> training) {

  public ReportData {
    if (runId == null || runId.isBlank()) {
      throw new ConfigurationException("report: expected a run id, found " + (runId == null ? "none" : "'"
          + runId + "'"));
    }
    Objects.requireNonNull(provenance, "provenance");
    bleu = List.copyOf(bleu);
    compression = List.copyOf(compression);
    gateHistograms = List.copyOf(gateHistograms);
    tokenGates = List.copyOf(tokenGates);
    training = List.copyOf(training);
  }
}
