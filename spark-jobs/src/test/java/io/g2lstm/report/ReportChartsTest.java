package io.g2lstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.report.SvgCharts.Bar;
import io.g2lstm.report.SvgCharts.HeatmapBlock;
import io.g2lstm.report.SvgCharts.HeatmapRow;
import io.g2lstm.report.SvgCharts.HistogramPanel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The SVG charts: well-formed standalone documents, bars and cells where the data puts them, the same every time. */
class ReportChartsTest {

  private static final List<HistogramPanel> PANELS = List.of(
      new HistogramPanel("Baseline", "run-a", "#4c78a8", List.of(new Bar(0, 0.5, 0.25), new Bar(0.5, 1, 0.75)),
          0.1, 0.2),
      new HistogramPanel("G²-LSTM", "run-b", "#3f9a5a", List.of(new Bar(0, 0.5, 0.5), new Bar(0.5, 1, 0.5)), 0.45,
          0.4));

  private static double number(Node node, String attribute) {
    return Double.parseDouble(((Element) node).getAttribute(attribute));
  }

  @Test
  void everyChartOfTheSampleIsAWellFormedSvgDocument() {
    for (Block.Figure figure : StudyReport.of(ReportSamples.study()).figures()) {
      Document svg = Xml.parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + figure.svg());
      Element root = svg.getDocumentElement();
      assertEquals("svg", root.getTagName(), figure.fileName());
      assertEquals("http://www.w3.org/2000/svg", root.getAttribute("xmlns"));
      assertEquals("0 0 " + root.getAttribute("width") + " " + root.getAttribute("height"),
          root.getAttribute("viewBox"));
      assertEquals(List.of(), Xml.nodes(svg, "//*[@id]|//script|//image|//*[@href]"), figure.fileName());
    }
  }

  @Test
  void barsAreScaledToACommonAxisAndPlacedOverTheirBins() {
    Document svg = Xml.parse(SvgCharts.histograms("t", PANELS));
    List<Node> bars = Xml.nodes(svg, "//rect[@fill='#4c78a8' or @fill='#3f9a5a']");
    assertEquals(4, bars.size());
    // 75% is the highest share: the axis ends at 80% (ticks of 20%), the plot is 170 high.
    assertEquals(170 * 0.75 / 0.8, number(bars.get(1), "height"), 0.01);
    assertEquals(170 * 0.25 / 0.8, number(bars.get(0), "height"), 0.01);
    assertEquals(170 * 0.5 / 0.8, number(bars.get(2), "height"), 0.01);
    assertEquals(number(bars.get(0), "x") + number(bars.get(0), "width"), number(bars.get(1), "x"), 0.01);
    List<String> texts = Xml.texts(svg, "//text");
    for (String label : List.of("0%", "20%", "40%", "60%", "80%", "< 0.1: 10.0%", "> 0.9: 20.0%", "< 0.1: 45.0%",
        "> 0.9: 40.0%", "Baseline", "G²-LSTM", "run-a", "run-b")) {
      assertTrue(texts.contains(label), label + " in " + texts);
    }
    assertTrue(!texts.contains("100%"), texts.toString());
  }

  @Test
  void heatmapCellsTakeTheViridisColourOfTheirValue() {
    Document svg = Xml.parse(SvgCharts.heatmap("t", List.of(new HeatmapBlock("model", "run", List.of("a", "b", "c"),
        List.of(new HeatmapRow("input", List.of(0.0, 0.5, 1.0)))))));
    List<String> fills = Xml.texts(svg, "//rect[@stroke]/@fill");
    assertEquals(List.of("#440154", "#21918c", "#fde725"), fills);
    assertEquals("#3b528b", SvgCharts.colour(0.25));
    assertEquals("#440154", SvgCharts.colour(-1));
    List<String> texts = Xml.texts(svg, "//text");
    assertTrue(texts.containsAll(List.of("0.00", "0.50", "1.00", "a", "b", "c", "input", "mean gate value", "0.25")),
        texts.toString());
  }

  @Test
  void longTokensWidenTheirCellsOrAreCut() {
    String longToken = "Donaudampfschifffahrtsgesellschaft";
    Document svg = Xml.parse(SvgCharts.heatmap("t", List.of(new HeatmapBlock("m", "r", List.of("x", "Straße@@",
        longToken), List.of(new HeatmapRow("input", List.of(0.1, 0.2, 0.3)))))));
    List<Node> cells = Xml.nodes(svg, "//rect[@stroke]");
    assertTrue(number(cells.get(1), "width") > number(cells.get(0), "width"));
    assertTrue(Xml.texts(svg, "//text").contains("Donaudampfschif…"));
  }

  @Test
  void theSameInputGivesTheSameText() {
    assertEquals(SvgCharts.histograms("t", PANELS), SvgCharts.histograms("t", PANELS));
    assertEquals(StudyReport.of(ReportSamples.study()).figures(), StudyReport.of(ReportSamples.study()).figures());
  }
}
