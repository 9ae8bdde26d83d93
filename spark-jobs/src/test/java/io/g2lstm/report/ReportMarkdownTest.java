package io.g2lstm.report;

import static io.g2lstm.report.ReportSamples.BASELINE;
import static io.g2lstm.report.ReportSamples.G2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown summary: GitHub tables with the page's cells, links to the charts, escaping, empty sections. */
class ReportMarkdownTest {

  private static final String SAMPLE = MarkdownSummary.render(StudyReport.of(ReportSamples.study()));

  /** The lines of the table that follows the bold caption {@code caption}. */
  private static List<String> table(String markdown, String caption) {
    List<String> lines = markdown.lines().toList();
    int start = lines.indexOf("**" + caption + "**") + 2;
    assertTrue(start >= 2, caption + " not found");
    List<String> table = new ArrayList<>();
    for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      table.add(lines.get(i));
    }
    return table;
  }

  @Test
  void bleuTableHasAColumnPerTestSetAndFlavourAndTheBestInBold() {
    assertEquals(List.of(
        "| Model | Name and run | Epoch | Beam | newstest2014 sacreBLEU | newstest2014 multi-bleu "
            + "| newstest2015 sacreBLEU | newstest2015 multi-bleu |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
        "| Baseline | wmt14-baseline<br>" + BASELINE + " | 12 | 5 | 26.84 | 27.33 | 28.05 | 28.70 |",
        "| Sharpened | wmt14-sharpened<br>" + ReportSamples.SHARPENED + " | 12 | 5 | 26.11 | 26.74 | 27.37 | 27.96 |",
        "| G²-LSTM | wmt14-g2<br>" + G2 + " | 12 | 5 | **27.62** | **28.15** | **28.91** | **29.44** |"),
        table(SAMPLE, "BLEU by test set and flavour"));
    assertTrue(SAMPLE.contains("- `" + ReportSamples.SIGNATURE + "` sacreBLEU on newstest2014, sacreBLEU on "
        + "newstest2015\n"), SAMPLE);
  }

  @Test
  void compressionTableHasBleuAndChangePerSetting() {
    List<String> table = table(SAMPLE, "BLEU (change) by compression setting");
    assertEquals("| Model | Name and run | Test set | Original | Round (0.5) | Round & clip (0.5, 1.0) | SVD rank 32 "
        + "| SVD rank 16 |", table.get(0));
    assertEquals("| Baseline | wmt14-baseline<br>" + BASELINE + " | newstest2014 | 26.84 | 25.91 (−0.93) "
        + "| 25.42 (−1.42) | 25.74 (−1.10) | 24.47 (−2.37) |", table.get(2));
    assertEquals(5, table.size());
    assertEquals(17, table(SAMPLE, "Validation perplexity and compression ratio of each model").size());
  }

  @Test
  void chartsAreLinkedAsSvgFilesBesideTheSummary() {
    List<String> files = List.of("gate-histogram-decoder-1-input.svg", "gate-histogram-decoder-1-forget.svg",
        "gate-histogram-encoder-1-input.svg", "gate-histogram-encoder-1-forget.svg", "token-gates-sentence-3.svg",
        "token-gates-sentence-17.svg");
    List<String> figures = new ArrayList<>();
    for (Block.Figure figure : StudyReport.of(ReportSamples.study()).figures()) {
      figures.add(figure.fileName());
    }
    assertEquals(files, figures);
    assertTrue(SAMPLE.contains("![Values of the input gates of layer decoder-1, per model.]"
        + "(gate-histogram-decoder-1-input.svg)\n"), SAMPLE);
    for (String file : files) {
      assertTrue(SAMPLE.contains("](" + file + ")\n"), file);
    }
  }

  @Test
  void emptySectionsSayWhichJobFillsThem() {
    String markdown = MarkdownSummary.render(StudyReport.of(ReportSamples.empty()));
    for (String line : List.of("_No BLEU scores yet: the `evaluate` job writes them._",
        "_No compression results yet: the `sweep` job writes them._",
        "_No gate histograms yet: the `gates` job writes them._",
        "_No per-token gate values yet: the `gates` job writes them._",
        "_No training metrics yet: the `train` job writes them._")) {
      assertTrue(markdown.contains("\n" + line + "\n"), line);
    }
    assertFalse(markdown.contains("|"));
  }

  @Test
  void textFromTheTablesCannotBreakTheMarkdown() {
    List<BleuScoreRow> bleu = List.of(Rows.bleu("r|1\n", "<script>*x*</script>", "g2", 1, "t&amp;[x](y)", 5,
        BleuFlavour.SACREBLEU, 1, List.of(), 1, 1, 1, "a`b|c"));
    String markdown = MarkdownSummary.render(StudyReport.of(new ReportData("id_<1>", "", bleu, List.of(), List.of(),
        List.of(), List.of())));
    assertTrue(markdown.startsWith("# G²-LSTM study report: run id\\_\\<1\\>\n"), markdown);
    List<String> table = table(markdown, "BLEU by test set and flavour");
    assertEquals("| G²-LSTM | \\<script\\>\\*x\\*\\</script\\><br>r\\|1  | 1 | 5 | **1.00** |", table.get(2));
    assertTrue(table.get(0).contains("| t\\&amp;\\[x\\](y) sacreBLEU |"), table.get(0));
    assertTrue(markdown.contains("- ``a`b|c`` sacreBLEU on t\\&amp;\\[x\\](y)\n"), markdown);
    assertFalse(markdown.contains("<script>"));
  }
}
