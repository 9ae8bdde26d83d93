package io.g2lstm.prep.corpus;

import io.g2lstm.common.DataException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Streams the sentence pairs of one corpus, whatever its {@link CorpusFormat}, checking that its two sides align.
 *
 * <p>Plain pairs must have equal line counts: when one side ends first, the rest of the other is counted and the
 * error names both files and both counts. SGML sides must hold the same documents and segment ids in the same order.
 * Files ending in {@code .gz} are decompressed. Not thread-safe; one reader per task.
 */
public final class ParallelCorpusReader implements Iterator<SourcedPair>, Closeable {

  private static final Pattern SEGMENT = Pattern.compile("<seg\\b[^>]*?id\\s*=\\s*\"?([^\">\\s]*)\"?[^>]*>(.*)</seg>");
  private static final Pattern DOCUMENT = Pattern.compile("<doc\\b[^>]*?docid\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final CorpusSpec spec;
  private final int corpusIndex;
  private final Utf8LineReader source;
  private final Utf8LineReader target;
  private SourcedPair next;
  private boolean exhausted;
  private long pairs;
  private String sourceDocument = "";
  private String targetDocument = "";

  /**
   * @param spec the corpus
   * @param corpusIndex its index in the configuration (carried into each pair)
   * @param opener opens its files
   * @param policy what to do with malformed UTF-8
   * @param maxLineBytes lines longer than this are reported as overlong
   */
  public ParallelCorpusReader(CorpusSpec spec, int corpusIndex, StreamOpener opener, InvalidUtf8Policy policy,
      int maxLineBytes) {
    this.spec = spec;
    this.corpusIndex = corpusIndex;
    this.source = open(opener, spec.source(), policy, maxLineBytes);
    this.target = spec.format() == CorpusFormat.TSV ? null : open(opener, spec.target(), policy, maxLineBytes);
  }

  private static Utf8LineReader open(StreamOpener opener, String file, InvalidUtf8Policy policy, int maxBytes) {
    InputStream in = StreamOpener.openOrFail(opener, file);
    try {
      InputStream buffered = new BufferedInputStream(in, 1 << 16);
      InputStream stream = file.endsWith(".gz") ? new GZIPInputStream(buffered, 1 << 16) : buffered;
      return new Utf8LineReader(stream, file, policy, maxBytes);
    } catch (IOException e) {
      closeQuietly(in);
      throw new DataException(file + ": expected a gzip file (the name ends in .gz), found " + e.getMessage(), e);
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null && !exhausted) {
      next = advance();
      if (next == null) {
        exhausted = true;
        close(); // readers run inside Spark tasks, which drain iterators but never close them
      }
    }
    return next != null;
  }

  @Override
  public SourcedPair next() {
    if (!hasNext()) {
      throw new NoSuchElementException("corpus '" + spec.name() + "' has no more pairs");
    }
    SourcedPair result = next;
    next = null;
    return result;
  }

  private SourcedPair advance() {
    return switch (spec.format()) {
      case PLAIN -> nextPlain();
      case SGM -> nextSegment();
      case TSV -> nextTsv();
    };
  }

  private SourcedPair nextPlain() {
    Utf8LineReader.Line s = source.next();
    Utf8LineReader.Line t = target.next();
    if (s == null && t == null) {
      return null;
    }
    if (s == null || t == null) {
      throw mismatchedLength(s == null);
    }
    return pair(++pairs, s, t);
  }

  private DataException mismatchedLength(boolean sourceEnded) {
    Utf8LineReader longer = sourceEnded ? target : source;
    while (longer.next() != null) {
      // count the remaining lines so the message can give both totals
    }
    return new DataException("corpus '" + spec.name() + "': expected the same number of lines in both files, found "
        + source.lineNumber() + " in " + spec.source() + " and " + target.lineNumber() + " in " + spec.target()
        + " (nothing was written)");
  }

  private SourcedPair nextTsv() {
    Utf8LineReader.Line line = source.next();
    if (line == null) {
      return null;
    }
    if (line.overlong()) {
      return new SourcedPair(corpusIndex, source.lineNumber(), new TextPair("", ""), false, true);
    }
    String[] columns = line.text().split("\t", -1);
    int needed = Math.max(spec.sourceColumn(), spec.targetColumn()) + 1;
    if (columns.length < needed) {
      throw DataException.at(spec.source(), source.lineNumber(), "at least " + needed + " tab-separated columns",
          columns.length);
    }
    return new SourcedPair(corpusIndex, source.lineNumber(),
        new TextPair(columns[spec.sourceColumn()], columns[spec.targetColumn()]), line.repaired(), false);
  }

  private SourcedPair nextSegment() {
    Segment s = nextSegment(source, true);
    Segment t = nextSegment(target, false);
    if (s == null && t == null) {
      return null;
    }
    if (s == null || t == null) {
      throw new DataException("corpus '" + spec.name() + "': expected the same segments in both SGML files, found "
          + (s == null ? spec.source() + " ends before " + spec.target() + " line " + target.lineNumber()
              : spec.target() + " ends before " + spec.source() + " line " + source.lineNumber()));
    }
    if (!s.id().equals(t.id()) || !s.document().equals(t.document())) {
      throw DataException.at(spec.target(), target.lineNumber(), "segment " + s.document() + "/" + s.id()
          + " (as in " + spec.source() + " line " + source.lineNumber() + ")", "segment " + t.document() + "/"
          + t.id());
    }
    ++pairs;
    return new SourcedPair(corpusIndex, pairs, new TextPair(s.text(), t.text()), s.repaired() || t.repaired(),
        s.overlong() || t.overlong());
  }

  private record Segment(String document, String id, String text, boolean repaired, boolean overlong) {}

  private Segment nextSegment(Utf8LineReader reader, boolean isSource) {
    while (true) {
      Utf8LineReader.Line line = reader.next();
      if (line == null) {
        return null;
      }
      String document = isSource ? sourceDocument : targetDocument;
      if (line.overlong()) {
        return new Segment(document, "line" + reader.lineNumber(), "", false, true);
      }
      String text = line.text();
      Matcher doc = DOCUMENT.matcher(text);
      if (doc.find()) {
        if (isSource) {
          sourceDocument = doc.group(1);
        } else {
          targetDocument = doc.group(1);
        }
        continue;
      }
      Matcher seg = SEGMENT.matcher(text);
      if (seg.find()) {
        String clean = WHITESPACE.matcher(seg.group(2).strip()).replaceAll(" ");
        return new Segment(document, seg.group(1), clean, line.repaired(), false);
      }
      if (text.contains("<seg")) {
        throw DataException.at(reader == source ? spec.source() : spec.target(), reader.lineNumber(),
            "a segment <seg id=\"...\">text</seg> on one line", text.length() > 80 ? text.substring(0, 80) + "..."
                : text);
      }
    }
  }

  private SourcedPair pair(long line, Utf8LineReader.Line s, Utf8LineReader.Line t) {
    boolean overlong = s.overlong() || t.overlong();
    TextPair text = overlong ? new TextPair("", "") : new TextPair(s.text(), t.text());
    return new SourcedPair(corpusIndex, line, text, s.repaired() || t.repaired(), overlong);
  }

  @Override
  public void close() {
    source.close();
    if (target != null) {
      target.close();
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
