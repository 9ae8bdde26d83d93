package io.g2lstm.prep.bpe;

import io.g2lstm.common.DataException;
import io.g2lstm.common.TextFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ordered merge operations of a BPE model, in subword-nmt's {@code #version: 0.2} codes format: a header
 * line, then one {@code "left right"} line per merge, the most frequent first. Word-final symbols carry the
 * {@code </w>} marker. Duplicates are kept as written; when applying, the first one counts.
 */
public record BpeCodes(List<Merge> merges) implements Serializable {

  /** The first line of every codes file this class reads or writes. */
  public static final String VERSION_HEADER = "#version: 0.2";

  /** One merge: the adjacent symbols {@code left} and {@code right} become the symbol {@code left + right}. */
  public record Merge(String left, String right) implements Serializable {

    public Merge {
      requireSymbol(left, "left");
      requireSymbol(right, "right");
    }

    private static void requireSymbol(String symbol, String name) {
      Objects.requireNonNull(symbol, name);
      if (symbol.isEmpty() || symbol.indexOf(' ') >= 0 || symbol.indexOf('\n') >= 0 || symbol.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(
            name + " symbol must be non-empty without spaces or line breaks, found '" + symbol + "'");
      }
    }
  }

  public BpeCodes {
    merges = List.copyOf(merges);
  }

  public int size() {
    return merges.size();
  }

  /** Reads a UTF-8 codes file. */
  public static BpeCodes read(Path file) {
    return TextFiles.read(file, BpeCodes::read);
  }

  /**
   * Reads codes the way subword-nmt's {@code apply_bpe} does: {@code '\r\n '} is stripped from each line and
   * trailing blank lines are ignored. {@code sourceName} names the input in error messages.
   *
   * @throws DataException if the header is not {@code #version: 0.2} or a line is not two symbols separated by
   *     one space
   */
  public static BpeCodes read(Reader in, String sourceName) throws IOException {
    String text = readAll(in);
    if (text.isEmpty()) {
      throw DataException.in(sourceName, "the header '" + VERSION_HEADER + "'", "an empty file");
    }
    int headerEnd = text.indexOf('\n');
    String header = headerEnd < 0 ? text : text.substring(0, headerEnd);
    if (!isVersion02Header(header)) {
      throw DataException.at(sourceName, 1, "the header '" + VERSION_HEADER + "'", quoted(header));
    }
    String body = headerEnd < 0 ? "" : stripTrailingNewlines(text.substring(headerEnd + 1));
    List<Merge> merges = new ArrayList<>();
    if (!body.isEmpty()) {
      String[] lines = body.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        merges.add(parseMerge(lines[i], sourceName, i + 2L));
      }
    }
    return new BpeCodes(merges);
  }

  /** Writes the header and one line per merge, each ended by {@code \n}. */
  public void write(Writer out) throws IOException {
    out.write(VERSION_HEADER);
    out.write('\n');
    for (Merge merge : merges) {
      out.write(merge.left());
      out.write(' ');
      out.write(merge.right());
      out.write('\n');
    }
  }

  /** Writes a UTF-8 codes file through a temporary file and an atomic move. */
  public void write(Path file) {
    TextFiles.write(file, this::write);
  }

  private static Merge parseMerge(String line, String sourceName, long lineNumber) {
    String stripped = PythonText.strip(line);
    int space = stripped.indexOf(' ');
    if (space <= 0 || space == stripped.length() - 1 || stripped.indexOf(' ', space + 1) >= 0
        || stripped.indexOf('\r') >= 0) {
      throw DataException.at(sourceName, lineNumber, "two symbols separated by one space", quoted(line));
    }
    return new Merge(stripped.substring(0, space), stripped.substring(space + 1));
  }

  /** Accepts {@code #version: 0.2} and equivalent spellings such as {@code 0.2.0}, as subword-nmt does. */
  private static boolean isVersion02Header(String line) {
    String stripped = line.strip();
    if (!stripped.startsWith("#version:")) {
      return false;
    }
    String[] fields = stripped.split("\\s+");
    return fields[fields.length - 1].replaceAll("(\\.0+)*$", "").equals("0.2");
  }

  private static String stripTrailingNewlines(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(0, end);
  }

  private static String quoted(String line) {
    String shown = line.length() > 80 ? line.substring(0, 77) + "..." : line;
    return "'" + shown + "'";
  }

  private static String readAll(Reader in) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[16384];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      text.append(buffer, 0, read);
    }
    return text.toString();
  }
}
