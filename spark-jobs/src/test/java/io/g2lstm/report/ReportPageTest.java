package io.g2lstm.report;

import static io.g2lstm.report.ReportSamples.BASELINE;
import static io.g2lstm.report.ReportSamples.G2;
import static io.g2lstm.report.ReportSamples.SHARPENED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.CompressionResultRow;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.GateTokenMeanRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/** The HTML page of the sample study: its tables cell by cell, its charts, its empty sections and its escaping. */
class ReportPageTest {

  private static String page(ReportData data) {
    return HtmlPage.render(StudyReport.of(data));
  }

  private static final Document SAMPLE = Xml.parse(page(ReportSamples.study()));

  @Test
  void isOneSelfContainedUtf8Page() {
    String html = page(ReportSamples.study());
    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>"), html);
    assertEquals(List.of("G²-LSTM study report: run study-2024-06-01"), Xml.texts(SAMPLE, "/html/head/title"));
    assertEquals(List.of(), Xml.nodes(SAMPLE, "//script|//link|//img|//iframe|//*[@src]"));
    assertFalse(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").contains("://"), "no external resources");
    assertEquals(List.of("bleu", "compression", "gate-histograms", "token-gates", "training"),
        Xml.texts(SAMPLE, "//main/section/@id"));
  }

  @Test
  void bleuTableHasTheModelsInThePapersOrderAndAColumnPerTestSetAndFlavour() {
    assertEquals(List.of("Model", "Name and run", "Epoch", "Beam", "newstest2014", "newstest2015"),
        Xml.texts(SAMPLE, "//table[@id='bleu-table']/thead/tr[1]/th"));
    assertEquals(List.of("2", "2"),
        Xml.texts(SAMPLE, "//table[@id='bleu-table']/thead/tr[1]/th[@colspan]/@colspan"));
    assertEquals(List.of("sacreBLEU", "multi-bleu", "sacreBLEU", "multi-bleu"),
        Xml.texts(SAMPLE, "//table[@id='bleu-table']/thead/tr[2]/th"));
    assertEquals(List.of(
        List.of("Baseline", "wmt14-baseline · " + BASELINE, "12", "5", "26.84", "27.33", "28.05", "28.70"),
        List.of("Sharpened", "wmt14-sharpened · " + SHARPENED, "12", "5", "26.11", "26.74", "27.37", "27.96"),
        List.of("G²-LSTM", "wmt14-g2 · " + G2, "12", "5", "27.62", "28.15", "28.91", "29.44")),
        Xml.rows(SAMPLE, "bleu-table"));
  }

  @Test
  void theBestScoreOfEachColumnIsBold() {
    assertEquals(List.of("27.62", "28.15", "28.91", "29.44"),
        Xml.texts(SAMPLE, "//table[@id='bleu-table']/tbody/tr/td/strong"));
    assertEquals(List.of(), Xml.nodes(SAMPLE, "//table[@id='bleu-table']/tbody/tr[1]//strong"));
  }

  @Test
  void tiesForBestAreAllBold() {
    List<BleuScoreRow> rows = new ArrayList<>();
    rows.add(Rows.bleu("a", "m-a", "baseline", 1, "t", 5, BleuFlavour.SACREBLEU, 30.004, List.of(), 1, 1, 1, ""));
    rows.add(Rows.bleu("b", "m-b", "g2", 1, "t", 5, BleuFlavour.SACREBLEU, 29.996, List.of(), 1, 1, 1, ""));
    rows.add(Rows.bleu("c", "m-c", "sharpened", 1, "t", 5, BleuFlavour.SACREBLEU, Double.NaN, List.of(), 1, 1, 1, ""));
    Document page = Xml.parse(page(new ReportData("r", "", rows, List.of(), List.of(), List.of(), List.of())));
    assertEquals(List.of("30.00", "30.00"), Xml.texts(page, "//table[@id='bleu-table']/tbody/tr/td/strong"));
    assertEquals("–", Xml.rows(page, "bleu-table").get(1).get(4));
  }

  @Test
  void signaturesAreListedUnderTheBleuTable() {
    assertEquals(List.of(ReportSamples.SIGNATURE), Xml.texts(SAMPLE, "//section[@id='bleu']/ul/li/code"));
    assertEquals(List.of("sacreBLEU on newstest2014, sacreBLEU on newstest2015"),
        Xml.texts(SAMPLE, "//section[@id='bleu']/ul/li/span"));
  }

  @Test
  void bleuDetailsShowTheScoresComponents() {
    List<List<String>> rows = Xml.rows(SAMPLE, "bleu-details-table");
    assertEquals(12, rows.size());
    assertEquals(List.of("Baseline", "wmt14-baseline · " + BASELINE, "12", "5", "newstest2014", "sacreBLEU", "26.84",
        "59.4/33.8/21.0/13.5", "0.987", "0.987", "62391", "63204"), rows.get(0));
    assertEquals(List.of("G²-LSTM", "wmt14-g2 · " + G2, "12", "5", "newstest2015", "multi-bleu", "29.44",
        "60.1/34.6/21.7/14.0", "0.991", "0.991", "65012", "65602"), rows.get(11));
  }

  @Test
  void compressionTableHasAColumnPerSettingAndBleuWithItsChange() {
    assertEquals(List.of("Model", "Name and run", "Test set", "Original", "Round (0.5)", "Round & clip (0.5, 1.0)",
        "SVD rank 32", "SVD rank 16"), Xml.texts(SAMPLE, "//table[@id='compression-table']/thead/tr/th"));
    assertEquals(List.of(
        List.of("Baseline", "wmt14-baseline · " + BASELINE, "newstest2014", "26.84", "25.91 (−0.93)",
            "25.42 (−1.42)", "25.74 (−1.10)", "24.47 (−2.37)"),
        List.of("Sharpened", "wmt14-sharpened · " + SHARPENED, "newstest2014", "26.11", "25.70 (−0.41)",
            "25.34 (−0.77)", "25.45 (−0.66)", "24.86 (−1.25)"),
        List.of("G²-LSTM", "wmt14-g2 · " + G2, "newstest2014", "27.62", "27.50 (−0.12)", "27.41 (−0.21)",
            "27.27 (−0.35)", "27.04 (−0.58)")),
        Xml.rows(SAMPLE, "compression-table"));
  }

  @Test
  void compressionDetailsShowPerplexityAndRatio() {
    List<List<String>> rows = Xml.rows(SAMPLE, "compression-details-table");
    assertEquals(15, rows.size());
    assertEquals(List.of("Baseline", "wmt14-baseline · " + BASELINE, "Original", "6.21", "1.00"), rows.get(0));
    assertEquals(List.of("Baseline", "wmt14-baseline · " + BASELINE, "Round & clip (0.5, 1.0)", "6.41", "5.33"),
        rows.get(2));
    assertEquals(List.of("G²-LSTM", "wmt14-g2 · " + G2, "SVD rank 16", "5.69", "16.00"), rows.get(14));
  }

  @Test
  void missingSettingsAndPositiveChangesArePrinted() {
    List<CompressionResultRow> rows = List.of(
        Rows.compression("a", "m", "g2", CompressionResultRow.NONE, Optional.empty(), Optional.empty(),
            Optional.empty(), "t", 20, 0, 7, 1),
        Rows.compression("b", "n", "baseline", "svd", Optional.empty(), Optional.empty(),
            Optional.of(8), "t", 20.25, 0.25, 7, 2));
    Document page = Xml.parse(page(new ReportData("r", "", List.of(), rows, List.of(), List.of(), List.of())));
    assertEquals(List.of(List.of("Baseline", "n · b", "t", "–", "20.25 (+0.25)"),
        List.of("G²-LSTM", "m · a", "t", "20.00", "–")), Xml.rows(page, "compression-table"));
  }

  @Test
  void trainingTableShowsLastAndBestEpochs() {
    assertEquals(List.of(
        List.of("Baseline", "wmt14-baseline · " + BASELINE, "12", "1.583", "8.11", "7.93", "10"),
        List.of("Sharpened", "wmt14-sharpened · " + SHARPENED, "12", "1.633", "8.41", "8.23", "10"),
        List.of("G²-LSTM", "wmt14-g2 · " + G2, "12", "1.533", "7.81", "7.63", "10")),
        Xml.rows(SAMPLE, "training-table"));
  }

  @Test
  void gateHistogramsAreOneFigurePerLayerAndGateWithTheModelsSideBySide() {
    List<Node> charts = Xml.nodes(SAMPLE, "//section[@id='gate-histograms']/figure//svg");
    assertEquals(4, charts.size());
    assertEquals(List.of("Input gates · layer decoder-1", "Forget gates · layer decoder-1",
        "Input gates · layer encoder-1", "Forget gates · layer encoder-1"),
        Xml.texts(SAMPLE, "//section[@id='gate-histograms']/figure//svg/title"));
    for (Node chart : charts) {
      List<String> texts = Xml.texts(chart, "text");
      assertTrue(texts.indexOf("Baseline · wmt14-baseline") < texts.indexOf("Sharpened · wmt14-sharpened")
          && texts.indexOf("Sharpened · wmt14-sharpened") < texts.indexOf("G²-LSTM · wmt14-g2"), texts.toString());
      assertTrue(texts.contains(G2), texts.toString());
      // A background and two shaded ends per panel, then 20 bars per panel.
      assertEquals(1 + 3 * (2 + 20), Xml.nodes(chart, "rect").size());
      assertTrue(texts.contains("gate value") && texts.contains("0.4") && texts.contains("share of values"),
          texts.toString());
    }
  }

  @Test
  void histogramsAnnotateTheSharesNearZeroAndOne() {
    GateHistogramRow g2Input = null;
    for (GateHistogramRow row : ReportSamples.histograms()) {
      if (row.model().modelRun().equals(G2) && row.layer().equals("decoder-1") && row.gate().equals("input")) {
        g2Input = row;
      }
    }
    Node chart = Xml.nodes(SAMPLE, "//section[@id='gate-histograms']/figure//svg").get(0);
    List<String> texts = Xml.texts(chart, "text");
    assertTrue(texts.contains("< 0.1: " + String.format(Locale.ROOT, "%.1f%%", 100 * g2Input.shareBelow01())),
        texts.toString());
    assertTrue(texts.contains("> 0.9: " + String.format(Locale.ROOT, "%.1f%%", 100 * g2Input.shareAbove09())),
        texts.toString());
  }

  @Test
  void tokenHeatmapsAreOneFigurePerSentenceWithARowPerGateAndALegend() {
    List<Node> charts = Xml.nodes(SAMPLE, "//section[@id='token-gates']/figure//svg");
    assertEquals(List.of("Sentence 3: mean gate value per token", "Sentence 17: mean gate value per token"),
        Xml.texts(SAMPLE, "//section[@id='token-gates']/figure//svg/title"));
    Node second = charts.get(1);
    List<String> texts = Xml.texts(second, "text");
    assertTrue(texts.contains("Baseline · wmt14-baseline · layer decoder-1" + BASELINE), texts.toString());
    assertTrue(texts.contains("G²-LSTM · wmt14-g2 · layer decoder-1" + G2), texts.toString());
    for (String token : List.of("Er", "&quot;", "Grü@@", "ße", "Köln", "input", "forget", "mean gate value")) {
      assertTrue(texts.contains(token), token + " in " + texts);
    }
    // Background, 2 blocks x 2 gates x 10 tokens, 20 legend steps.
    assertEquals(1 + 2 * 2 * 10 + 20, Xml.nodes(second, "rect").size());
    assertTrue(texts.contains("0.93") && texts.contains("0.06"), "cell values printed: " + texts);
  }

  @Test
  void emptySectionsSayWhichJobFillsThem() {
    Document page = Xml.parse(page(ReportSamples.empty()));
    assertEquals(List.of(), Xml.nodes(page, "//table|//svg"));
    String[][] expected = {
        {"bleu", "No BLEU scores yet: the evaluate job writes them."},
        {"compression", "No compression results yet: the sweep job writes them."},
        {"gate-histograms", "No gate histograms yet: the gates job writes them."},
        {"token-gates", "No per-token gate values yet: the gates job writes them."},
        {"training", "No training metrics yet: the train job writes them."}};
    for (String[] section : expected) {
      assertEquals(List.of(section[1]),
          Xml.texts(page, "//section[@id='" + section[0] + "']/p[@class='empty']"), section[0]);
    }
  }

  @Test
  void hostileTextIsEscapedEverywhere() {
    String name = "<script>alert(\"x\")</script>";
    String run = "run&amp;'1'";
    List<GateTokenMeanRow> tokens = new ArrayList<>();
    List<String> hostile = List.of("<script>", "&amp;", "\"", "'", "Ümlaut", "a\u0001b", "]]>");
    for (int p = 0; p < hostile.size(); p++) {
      tokens.add(Rows.token(run, name, "g2", "dec<1>", 0, p, hostile.get(p), 0.5, 0.5));
    }
    List<BleuScoreRow> bleu = List.of(Rows.bleu(run, name, "g2", 1, "t&<>", 5, BleuFlavour.SACREBLEU, 1, List.of(),
        1, 1, 1, "sig<&>\"'"));
    String html = page(new ReportData("id<&>\"'", "from <here> & \"there\"", bleu, List.of(), List.of(), tokens,
        List.of()));
    Document page = Xml.parse(html);
    assertEquals(List.of(), Xml.nodes(page, "//script"));
    assertFalse(html.contains("<script>"));
    assertEquals(List.of("id<&>\"'"), Xml.texts(page, "//code[@id='run-id']"));
    assertEquals(name + " · " + run, Xml.rows(page, "bleu-table").get(0).get(1));
    assertEquals(List.of("sig<&>\"'"), Xml.texts(page, "//section[@id='bleu']/ul/li/code"));
    List<String> texts = Xml.texts(page, "//section[@id='token-gates']//svg/text");
    for (String token : List.of("<script>", "&amp;", "\"", "'", "Ümlaut", "a\uFFFDb", "]]>")) {
      assertTrue(texts.contains(token), token + " in " + texts);
    }
  }

  @Test
  void numbersIgnoreTheDefaultLocaleAndTheSameDataGivesTheSamePage() {
    String root = page(ReportSamples.study());
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals(root, page(ReportSamples.study()));
    } finally {
      Locale.setDefault(before);
    }
    assertTrue(root.contains("26.84") && !root.contains("26,84"));
  }
}
