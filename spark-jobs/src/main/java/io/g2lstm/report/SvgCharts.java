package io.g2lstm.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's two kinds of chart as standalone SVG documents (no scripts, no external fonts or images, no ids, so
 * several can sit inline in one HTML page): histograms of gate values, one panel per model side by side (the paper's
 * Figures 1 and 3), and heatmaps of mean gate values per token (its Figure 4). The same input always gives the same
 * text.
 */
final class SvgCharts {

  /** One bin of a histogram: {@code share} of all values lie in {@code [lower, upper)}. */
  record Bar(double lower, double upper, double share) {}

  /** One model's histogram under its title and subtitle; the two shares are annotated above it. */
  record HistogramPanel(String title, String subtitle, String colour, List<Bar> bars, double shareBelow01,
      double shareAbove09) {}

  /** One labelled row of heatmap cells, a value in [0, 1] per token. */
  record HeatmapRow(String label, List<Double> values) {}

  /**
   * The heatmap of one model and layer on one sentence, headed by its title and, in grey after it, its note: its
   * tokens along x, its rows below each other.
   */
  record HeatmapBlock(String title, String note, List<String> tokens, List<HeatmapRow> rows) {}

  private static final String FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
  private static final String MONO = "'DejaVu Sans Mono', 'Liberation Mono', monospace";
  private static final String INK = "#222222";
  private static final String MUTED = "#666666";
  private static final String GRID = "#e3e3e3";
  private static final String SHADE = "#f1f1f1";

  private static final double MARGIN = 12;
  private static final double TITLE_HEIGHT = 34;

  private static final double PANEL_WIDTH = 340;
  private static final double PANEL_GAP = 24;
  private static final double PLOT_LEFT = 58;
  private static final double PLOT_RIGHT = 14;
  private static final double PLOT_TOP = 66;
  private static final double PLOT_HEIGHT = 170;
  private static final double PANEL_HEIGHT = PLOT_TOP + PLOT_HEIGHT + 44;

  private static final double ROW_LABEL_WIDTH = 64;
  private static final double CELL_HEIGHT = 24;
  private static final double MIN_CELL_WIDTH = 34;
  private static final double MONO_CHAR_WIDTH = 7.3;
  // Generous for DejaVu Sans, the widest of the fonts named: text is measured only to size the picture.
  private static final double SANS_CHAR_EMS = 0.66;
  private static final int MAX_TOKEN_CHARS = 16;
  private static final double BLOCK_TITLE_HEIGHT = 22;
  private static final double TOKEN_ROW_HEIGHT = 22;
  private static final double BLOCK_GAP = 16;
  private static final int LEGEND_STEPS = 20;
  private static final double LEGEND_STEP_WIDTH = 12;
  private static final double LEGEND_HEIGHT = 44;

  // Viridis at 0, 1/4, 1/2, 3/4 and 1: perceptually even and readable without colour vision.
  private static final int[][] COLOUR_STOPS = {
      {0x44, 0x01, 0x54}, {0x3b, 0x52, 0x8b}, {0x21, 0x91, 0x8c}, {0x5e, 0xc9, 0x62}, {0xfd, 0xe7, 0x25}};

  private SvgCharts() {}

  /** Histograms of shares over [0, 1], one panel per model side by side, on a common y scale. */
  static String histograms(String title, List<HistogramPanel> panels) {
    double highest = 0;
    for (HistogramPanel panel : panels) {
      for (Bar bar : panel.bars()) {
        highest = Math.max(highest, 100 * bar.share());
      }
    }
    double tick = tickStep(highest);
    double top = Math.max(tick, Math.ceil(highest / tick - 1e-9) * tick);
    double width = 2 * MARGIN + panels.size() * PANEL_WIDTH + (panels.size() - 1) * PANEL_GAP;
    Svg svg = new Svg(width, TITLE_HEIGHT + PANEL_HEIGHT + MARGIN, title);
    svg.text(MARGIN, 22, "start", "font-size=\"15\" font-weight=\"bold\"", title);
    for (int i = 0; i < panels.size(); i++) {
      histogramPanel(svg, panels.get(i), MARGIN + i * (PANEL_WIDTH + PANEL_GAP), TITLE_HEIGHT, top, tick);
    }
    return svg.finish();
  }

  private static void histogramPanel(Svg svg, HistogramPanel panel, double left, double top, double yTop,
      double tick) {
    double plotLeft = left + PLOT_LEFT;
    double plotWidth = PANEL_WIDTH - PLOT_LEFT - PLOT_RIGHT;
    double plotTop = top + PLOT_TOP;
    double plotBottom = plotTop + PLOT_HEIGHT;
    svg.text(left, top + 14, "start", "font-size=\"13\" font-weight=\"bold\"", fit(panel.title(), 13));
    svg.text(left, top + 31, "start", "font-size=\"11\" fill=\"" + MUTED + "\"", fit(panel.subtitle(), 11));
    // The shares near 0 and 1 are what the paper reads off these figures; the regions are shaded below.
    svg.text(plotLeft, top + 55, "start", "font-size=\"12\"", "< 0.1: " + Numbers.percent(panel.shareBelow01()));
    svg.text(plotLeft + plotWidth, top + 55, "end", "font-size=\"12\"",
        "> 0.9: " + Numbers.percent(panel.shareAbove09()));
    svg.rect(plotLeft, plotTop, 0.1 * plotWidth, PLOT_HEIGHT, SHADE, "");
    svg.rect(plotLeft + 0.9 * plotWidth, plotTop, 0.1 * plotWidth, PLOT_HEIGHT, SHADE, "");
    long ticks = Math.round(yTop / tick);
    for (long i = 0; i <= ticks; i++) {
      double value = i * tick;
      double y = plotBottom - value / yTop * PLOT_HEIGHT;
      if (i > 0) {
        svg.line(plotLeft, y, plotLeft + plotWidth, y, GRID);
      }
      svg.line(plotLeft - 4, y, plotLeft, y, INK);
      svg.text(plotLeft - 7, y + 4, "end", "font-size=\"11\"", Numbers.coordinate(value) + "%");
    }
    for (Bar bar : panel.bars()) {
      double x = plotLeft + bar.lower() * plotWidth;
      double height = 100 * bar.share() / yTop * PLOT_HEIGHT;
      svg.rect(x, plotBottom - height, (bar.upper() - bar.lower()) * plotWidth, height, panel.colour(),
          "stroke=\"#ffffff\" stroke-width=\"0.5\"");
    }
    svg.line(plotLeft, plotBottom, plotLeft + plotWidth, plotBottom, INK);
    svg.line(plotLeft, plotTop, plotLeft, plotBottom, INK);
    for (int i = 0; i <= 5; i++) {
      double x = plotLeft + i / 5.0 * plotWidth;
      svg.line(x, plotBottom, x, plotBottom + 4, INK);
      svg.text(x, plotBottom + 17, "middle", "font-size=\"11\"", Numbers.coordinate(i / 5.0));
    }
    svg.text(plotLeft + plotWidth / 2, plotBottom + 35, "middle", "font-size=\"11\" fill=\"" + MUTED + "\"",
        "gate value");
    double labelX = left + 12;
    double labelY = plotTop + PLOT_HEIGHT / 2;
    svg.text(labelX, labelY, "middle", "font-size=\"11\" fill=\"" + MUTED + "\" transform=\"rotate(-90 "
        + Numbers.coordinate(labelX) + " " + Numbers.coordinate(labelY) + ")\"", "share of values");
  }

  /** The step between y ticks, in percent: 1, 2 or 5 times a power of ten, so that at most five ticks are needed. */
  private static double tickStep(double highest) {
    double magnitude = 0.1;
    while (true) {
      for (int multiple : new int[] {1, 2, 5}) {
        double step = multiple * magnitude;
        if (highest <= 5 * step) {
          return step;
        }
      }
      magnitude *= 10;
    }
  }

  /**
   * Heatmaps of values in [0, 1], one block per model and layer below each other, each with its tokens along x and
   * the value printed in each cell, and one colour legend at the bottom.
   */
  static String heatmap(String title, List<HeatmapBlock> blocks) {
    double width = Math.max(2 * MARGIN + ROW_LABEL_WIDTH + LEGEND_STEPS * LEGEND_STEP_WIDTH + 110,
        2 * MARGIN + textWidth(title, 15));
    double height = TITLE_HEIGHT;
    List<double[]> cellWidths = new ArrayList<>();
    for (HeatmapBlock block : blocks) {
      double[] widths = new double[block.tokens().size()];
      double blockWidth = 2 * MARGIN + ROW_LABEL_WIDTH;
      for (int i = 0; i < widths.length; i++) {
        String token = shown(block.tokens().get(i));
        int chars = token.codePointCount(0, token.length());
        widths[i] = Math.max(MIN_CELL_WIDTH, chars * MONO_CHAR_WIDTH + 10);
        blockWidth += widths[i];
      }
      cellWidths.add(widths);
      width = Math.max(width, Math.max(blockWidth, 2 * MARGIN + textWidth(block.title(), 13) + 8
          + textWidth(block.note(), 11)));
      height += BLOCK_TITLE_HEIGHT + block.rows().size() * CELL_HEIGHT + TOKEN_ROW_HEIGHT + BLOCK_GAP;
    }
    Svg svg = new Svg(width, height + LEGEND_HEIGHT + MARGIN, title);
    svg.text(MARGIN, 22, "start", "font-size=\"15\" font-weight=\"bold\"", title);
    double y = TITLE_HEIGHT;
    for (int b = 0; b < blocks.size(); b++) {
      y = heatmapBlock(svg, blocks.get(b), cellWidths.get(b), y);
    }
    legend(svg, MARGIN + ROW_LABEL_WIDTH, y);
    return svg.finish();
  }

  private static double heatmapBlock(Svg svg, HeatmapBlock block, double[] widths, double top) {
    svg.heading(MARGIN, top + 15, block.title(), block.note());
    double rowsTop = top + BLOCK_TITLE_HEIGHT;
    for (int r = 0; r < block.rows().size(); r++) {
      HeatmapRow row = block.rows().get(r);
      double y = rowsTop + r * CELL_HEIGHT;
      svg.text(MARGIN + ROW_LABEL_WIDTH - 8, y + 16, "end", "font-size=\"12\"", row.label());
      double x = MARGIN + ROW_LABEL_WIDTH;
      for (int i = 0; i < widths.length; i++) {
        double value = row.values().get(i);
        svg.rect(x, y, widths[i], CELL_HEIGHT, colour(value), "stroke=\"#ffffff\" stroke-width=\"1\"");
        svg.text(x + widths[i] / 2, y + 16, "middle", "font-size=\"10\" fill=\"" + (value < 0.6 ? "#ffffff" : INK)
            + "\"", Numbers.fixed(value, 2));
        x += widths[i];
      }
    }
    double tokensBaseline = rowsTop + block.rows().size() * CELL_HEIGHT + 15;
    double x = MARGIN + ROW_LABEL_WIDTH;
    for (int i = 0; i < widths.length; i++) {
      svg.text(x + widths[i] / 2, tokensBaseline, "middle", "font-size=\"12\" font-family=\"" + MONO + "\"",
          shown(block.tokens().get(i)));
      x += widths[i];
    }
    return rowsTop + block.rows().size() * CELL_HEIGHT + TOKEN_ROW_HEIGHT + BLOCK_GAP;
  }

  private static void legend(Svg svg, double left, double top) {
    for (int i = 0; i < LEGEND_STEPS; i++) {
      double value = (i + 0.5) / LEGEND_STEPS;
      svg.rect(left + i * LEGEND_STEP_WIDTH, top + 10, LEGEND_STEP_WIDTH, 16, colour(value), "");
    }
    for (int i = 0; i <= 4; i++) {
      double x = left + i / 4.0 * LEGEND_STEPS * LEGEND_STEP_WIDTH;
      svg.line(x, top + 26, x, top + 30, INK);
      svg.text(x, top + 42, "middle", "font-size=\"11\"", Numbers.coordinate(i / 4.0));
    }
    svg.text(left + LEGEND_STEPS * LEGEND_STEP_WIDTH + 10, top + 22, "start", "font-size=\"11\" fill=\"" + MUTED
        + "\"", "mean gate value");
  }

  /** About how wide {@code text} is in pixels at {@code size}. */
  private static double textWidth(String text, double size) {
    return text.codePointCount(0, text.length()) * size * SANS_CHAR_EMS;
  }

  /** {@code text}, cut with an ellipsis where it would not fit a histogram panel at {@code size}. */
  private static String fit(String text, double size) {
    int fits = (int) ((PANEL_WIDTH - 8) / (size * SANS_CHAR_EMS));
    if (text.codePointCount(0, text.length()) <= fits) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, fits - 1)) + "…";
  }

  /** A token as its cell shows it: long subwords are cut (the cell's own value stays legible). */
  private static String shown(String token) {
    if (token.codePointCount(0, token.length()) <= MAX_TOKEN_CHARS) {
      return token;
    }
    return token.substring(0, token.offsetByCodePoints(0, MAX_TOKEN_CHARS - 1)) + "…";
  }

  /** The colour of {@code value} in [0, 1], interpolated between the viridis stops. */
  static String colour(double value) {
    double position = Math.max(0, Math.min(1, value)) * (COLOUR_STOPS.length - 1);
    int stop = Math.min((int) position, COLOUR_STOPS.length - 2);
    double fraction = position - stop;
    StringBuilder hex = new StringBuilder("#");
    for (int channel = 0; channel < 3; channel++) {
      double mixed = COLOUR_STOPS[stop][channel] * (1 - fraction) + COLOUR_STOPS[stop + 1][channel] * fraction;
      hex.append(String.format(Locale.ROOT, "%02x", Math.round(mixed)));
    }
    return hex.toString();
  }

  /** An SVG document under construction; numbers at most two decimals, all text escaped. */
  private static final class Svg {

    private final StringBuilder out = new StringBuilder(8192);

    Svg(double width, double height, String title) {
      String w = Numbers.coordinate(width);
      String h = Numbers.coordinate(height);
      out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
          .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\" font-family=\"")
          .append(FONT).append("\" fill=\"").append(INK).append("\">\n<title>").append(Escape.xml(title))
          .append("</title>\n");
      rect(0, 0, width, height, "#ffffff", "");
    }

    void rect(double x, double y, double width, double height, String fill, String extra) {
      out.append("<rect x=\"").append(Numbers.coordinate(x)).append("\" y=\"").append(Numbers.coordinate(y))
          .append("\" width=\"").append(Numbers.coordinate(width)).append("\" height=\"")
          .append(Numbers.coordinate(height)).append("\" fill=\"").append(fill).append('"');
      if (!extra.isEmpty()) {
        out.append(' ').append(extra);
      }
      out.append("/>\n");
    }

    void line(double x1, double y1, double x2, double y2, String stroke) {
      out.append("<line x1=\"").append(Numbers.coordinate(x1)).append("\" y1=\"").append(Numbers.coordinate(y1))
          .append("\" x2=\"").append(Numbers.coordinate(x2)).append("\" y2=\"").append(Numbers.coordinate(y2))
          .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1\"/>\n");
    }

    void text(double x, double y, String anchor, String attributes, String content) {
      out.append("<text x=\"").append(Numbers.coordinate(x)).append("\" y=\"").append(Numbers.coordinate(y))
          .append("\" text-anchor=\"").append(anchor).append("\" ").append(attributes).append('>')
          .append(Escape.xml(content)).append("</text>\n");
    }

    /** A bold heading followed, in grey and smaller, by a note. */
    void heading(double x, double y, String title, String note) {
      out.append("<text x=\"").append(Numbers.coordinate(x)).append("\" y=\"").append(Numbers.coordinate(y))
          .append("\" font-size=\"13\" font-weight=\"bold\">").append(Escape.xml(title))
          .append("<tspan dx=\"8\" font-size=\"11\" font-weight=\"normal\" fill=\"").append(MUTED).append("\">")
          .append(Escape.xml(note)).append("</tspan></text>\n");
    }

    String finish() {
      return out.append("</svg>\n").toString();
    }
  }
}
