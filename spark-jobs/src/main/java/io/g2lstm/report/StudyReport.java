package io.g2lstm.report;

import io.g2lstm.report.Block.Figure;
import java.util.ArrayList;
import java.util.List;

/** A study report laid out once from its data, for {@link HtmlPage} and {@link MarkdownSummary} to render. */
record StudyReport(String runId, String provenance, List<Section> sections) {

  StudyReport {
    sections = List.copyOf(sections);
  }

  /** Lays out {@code data}: results first (BLEU, compression), then the gates, then training as context. */
  static StudyReport of(ReportData data) {
    Models models = new Models();
    return new StudyReport(data.runId(), data.provenance(), List.of(
        BleuSection.build(data.bleu(), models),
        CompressionSection.build(data.compression(), models),
        GateSections.histograms(data.gateHistograms(), models),
        GateSections.tokens(data.tokenGates(), models),
        TrainingSection.build(data.training(), models)));
  }

  /** "G²-LSTM study report: run {id}". */
  String title() {
    return "G²-LSTM study report: run " + runId;
  }

  /** Every chart of every section, in page order. */
  List<Figure> figures() {
    List<Figure> figures = new ArrayList<>();
    for (Section section : sections) {
      for (Block block : section.blocks()) {
        if (block instanceof Figure figure) {
          figures.add(figure);
        }
      }
    }
    return figures;
  }
}
