package io.g2lstm.report;

import io.g2lstm.report.Block.Cell;
import io.g2lstm.report.Block.Column;
import io.g2lstm.report.Block.Figure;
import io.g2lstm.report.Block.ItemList;
import io.g2lstm.report.Block.Missing;
import io.g2lstm.report.Block.Paragraph;
import io.g2lstm.report.Block.Table;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: styles inline, charts as inline SVG, no scripts and nothing fetched
 * from elsewhere, so it can be mailed, archived or opened from any file system. Sections carry the ids of
 * {@link Section#id()} and tables those of {@link Table#id()}. Every element is closed and every entity is one of
 * XML's, so the page is also well-formed XML (tests read it with an XML parser).
 */
final class HtmlPage {

  private static final String STYLE = """
      body { margin: 0; background: #f3f4f6; color: #1f2328;
        font: 14px/1.5 "DejaVu Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif; }
      header, main, footer { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
      header { padding-top: 26px; }
      h1 { font-size: 25px; margin: 0 0 2px; }
      h2 { font-size: 19px; margin: 0 0 10px; padding-bottom: 6px; border-bottom: 1px solid #d8dee4; }
      h3 { font-size: 14px; margin: 16px 0 6px; }
      p { margin: 6px 0 10px; max-width: 980px; }
      .meta { color: #57606a; margin: 0; }
      nav { margin: 12px 0 0; }
      nav a { color: #0b5cad; text-decoration: none; margin-right: 18px; }
      section { background: #ffffff; border: 1px solid #d8dee4; border-radius: 6px; padding: 18px 22px;
        margin: 18px 0; }
      code, .detail { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12px; }
      code { background: #eef1f4; padding: 1px 5px; border-radius: 3px; }
      .table-wrap { overflow-x: auto; margin: 10px 0 18px; }
      table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
      caption { caption-side: top; text-align: left; font-weight: bold; color: #32383f; padding: 0 0 6px; }
      th, td { padding: 5px 10px; white-space: nowrap; border-bottom: 1px solid #e4e7ea; }
      thead th { font-weight: bold; vertical-align: bottom; background: #f6f8fa; border-bottom: 2px solid #32383f;
        white-space: normal; }
      thead tr:first-child th { border-top: 2px solid #32383f; }
      thead th.group { text-align: center; border-bottom: 1px solid #8c959f; }
      tbody tr:nth-child(even) { background: #fafbfc; }
      tbody tr:last-child th, tbody tr:last-child td { border-bottom: 2px solid #32383f; }
      tbody th { font-weight: normal; text-align: left; }
      .number { text-align: right; }
      .text { text-align: left; }
      .detail { display: block; font-size: 11px; color: #6e7781; }
      ul.items { margin: 4px 0 16px; padding-left: 20px; }
      ul.items li { margin: 2px 0; }
      .note { color: #57606a; }
      figure { margin: 14px 0 22px; }
      .chart { overflow-x: auto; }
      .chart svg { display: block; }
      figcaption { color: #57606a; font-size: 13px; margin-top: 4px; }
      .empty { color: #57606a; font-style: italic; background: #f6f8fa; border: 1px dashed #c8d0d8;
        border-radius: 4px; padding: 10px 14px; }
      footer { color: #6e7781; font-size: 12px; padding-bottom: 26px; }
      """;

  private HtmlPage() {}

  static String render(StudyReport report) {
    StringBuilder html = new StringBuilder(1 << 16);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(Escape.xml(report.title())).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<header>\n")
        .append("<h1>G²-LSTM study report</h1>\n")
        .append("<p class=\"meta\">Run <code id=\"run-id\">").append(Escape.xml(report.runId())).append("</code>");
    if (!report.provenance().isBlank()) {
      html.append(" · ").append(Escape.xml(report.provenance()));
    }
    html.append("</p>\n<nav>");
    for (Section section : report.sections()) {
      html.append("<a href=\"#").append(section.id()).append("\">").append(Escape.xml(section.title()))
          .append("</a>");
    }
    html.append("</nav>\n</header>\n<main>\n");
    for (Section section : report.sections()) {
      html.append("<section id=\"").append(section.id()).append("\">\n<h2>").append(Escape.xml(section.title()))
          .append("</h2>\n");
      for (Block block : section.blocks()) {
        block(html, block);
      }
      html.append("</section>\n");
    }
    html.append("</main>\n<footer>Models and figures after Li et al., “Towards Binary-Valued Gates for Robust LSTM ")
        .append("Training”, ICML 2018.</footer>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void block(StringBuilder html, Block block) {
    if (block instanceof Paragraph paragraph) {
      html.append("<p>").append(Escape.xml(paragraph.text())).append("</p>\n");
    } else if (block instanceof Missing missing) {
      html.append("<p class=\"empty\">No ").append(Escape.xml(missing.what())).append(" yet: the <code>")
          .append(Escape.xml(missing.job())).append("</code> job writes them.</p>\n");
    } else if (block instanceof Table table) {
      table(html, table);
    } else if (block instanceof ItemList list) {
      html.append("<h3>").append(Escape.xml(list.heading())).append("</h3>\n<ul class=\"items\">\n");
      for (ItemList.Item item : list.items()) {
        html.append("<li><code>").append(Escape.xml(item.code())).append("</code> <span class=\"note\">")
            .append(Escape.xml(item.note())).append("</span></li>\n");
      }
      html.append("</ul>\n");
    } else if (block instanceof Figure figure) {
      html.append("<figure>\n<div class=\"chart\">\n").append(figure.svg()).append("</div>\n<figcaption>")
          .append(Escape.xml(figure.caption())).append("</figcaption>\n</figure>\n");
    }
  }

  private static void table(StringBuilder html, Table table) {
    List<Column> columns = table.columns();
    boolean grouped = false;
    for (Column column : columns) {
      grouped |= !column.group().isEmpty();
    }
    html.append("<div class=\"table-wrap\">\n<table id=\"").append(table.id()).append("\">\n<caption>")
        .append(Escape.xml(table.caption())).append("</caption>\n<thead>\n<tr>");
    // With groups, a grouped column's label goes in a second header row under its group's spanning heading.
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      if (column.group().isEmpty()) {
        html.append("<th scope=\"col\" class=\"").append(kind(column)).append('"')
            .append(grouped ? " rowspan=\"2\"" : "").append('>').append(Escape.xml(column.label())).append("</th>");
      } else {
        int span = 1;
        while (i + span < columns.size() && columns.get(i + span).group().equals(column.group())) {
          span++;
        }
        html.append("<th scope=\"colgroup\" class=\"group\" colspan=\"").append(span).append("\">")
            .append(Escape.xml(column.group())).append("</th>");
        i += span - 1;
      }
    }
    html.append("</tr>\n");
    if (grouped) {
      html.append("<tr>");
      for (Column column : columns) {
        if (!column.group().isEmpty()) {
          html.append("<th scope=\"col\" class=\"").append(kind(column)).append("\">")
              .append(Escape.xml(column.label())).append("</th>");
        }
      }
      html.append("</tr>\n");
    }
    html.append("</thead>\n<tbody>\n");
    for (List<Cell> row : table.rows()) {
      html.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        Cell cell = row.get(i);
        String element = i == 0 ? "th" : "td";
        html.append('<').append(element).append(i == 0 ? " scope=\"row\"" : "").append(" class=\"")
            .append(kind(columns.get(i))).append("\">");
        String text = Escape.xml(cell.text());
        html.append(cell.strong() ? "<strong>" + text + "</strong>" : text);
        if (!cell.detail().isEmpty()) {
          html.append("<span class=\"detail\">").append(Escape.xml(cell.detail())).append("</span>");
        }
        html.append("</").append(element).append('>');
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n</div>\n");
  }

  private static String kind(Column column) {
    return column.kind().name().toLowerCase(Locale.ROOT);
  }
}
