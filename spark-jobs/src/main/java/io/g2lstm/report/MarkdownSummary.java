package io.g2lstm.report;

import io.g2lstm.report.Block.Cell;
import io.g2lstm.report.Block.Column;
import io.g2lstm.report.Block.Figure;
import io.g2lstm.report.Block.ItemList;
import io.g2lstm.report.Block.Missing;
import io.g2lstm.report.Block.Paragraph;
import io.g2lstm.report.Block.Table;
import java.util.List;

/**
 * The report as GitHub Markdown: the page's text and tables, and its charts as links to the {@code .svg} files
 * written beside it. GitHub tables cannot span headings, so a grouped column's label is prefixed with its group.
 */
final class MarkdownSummary {

  private MarkdownSummary() {}

  static String render(StudyReport report) {
    StringBuilder md = new StringBuilder(1 << 14);
    md.append("# ").append(Escape.markdown(report.title())).append("\n\n");
    if (!report.provenance().isBlank()) {
      md.append(Escape.markdown(report.provenance())).append("\n\n");
    }
    for (Section section : report.sections()) {
      md.append("## ").append(Escape.markdown(section.title())).append("\n\n");
      for (Block block : section.blocks()) {
        block(md, block);
      }
    }
    return md.toString();
  }

  private static void block(StringBuilder md, Block block) {
    if (block instanceof Paragraph paragraph) {
      md.append(Escape.markdown(paragraph.text())).append("\n\n");
    } else if (block instanceof Missing missing) {
      md.append("_No ").append(Escape.markdown(missing.what())).append(" yet: the ").append(code(missing.job()))
          .append(" job writes them._\n\n");
    } else if (block instanceof Table table) {
      table(md, table);
    } else if (block instanceof ItemList list) {
      md.append("**").append(Escape.markdown(list.heading())).append("**\n\n");
      for (ItemList.Item item : list.items()) {
        md.append("- ").append(code(item.code())).append(' ').append(Escape.markdown(item.note())).append('\n');
      }
      md.append('\n');
    } else if (block instanceof Figure figure) {
      md.append("![").append(Escape.markdown(figure.caption())).append("](").append(figure.fileName())
          .append(")\n\n");
    }
  }

  private static void table(StringBuilder md, Table table) {
    List<Column> columns = table.columns();
    md.append("**").append(Escape.markdown(table.caption())).append("**\n\n|");
    for (Column column : columns) {
      String label = column.group().isEmpty() ? column.label() : column.group() + " " + column.label();
      md.append(' ').append(Escape.markdown(label)).append(" |");
    }
    md.append("\n|");
    for (Column column : columns) {
      md.append(column.kind() == Block.Kind.NUMBER ? "---:|" : "---|");
    }
    md.append('\n');
    for (List<Cell> row : table.rows()) {
      md.append('|');
      for (Cell cell : row) {
        String text = Escape.markdown(cell.text());
        md.append(' ').append(cell.strong() ? "**" + text + "**" : text);
        if (!cell.detail().isEmpty()) {
          // GitHub keeps a line break inside a cell only as HTML.
          md.append("<br>").append(Escape.markdown(cell.detail()));
        }
        md.append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  /**
   * {@code text} as a code span: fenced by one backtick more than its longest run of them, and padded when it starts
   * or ends with one, so nothing in it can close the span early. Only for text outside tables: sacreBLEU signatures
   * are full of pipes.
   */
  private static String code(String text) {
    String flat = text.replaceAll("\\R", " ");
    int longest = 0;
    int run = 0;
    for (int i = 0; i < flat.length(); i++) {
      run = flat.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String padding = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
    return fence + padding + flat + padding + fence;
  }
}
