package io.g2lstm.prep.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.DataException;
import io.g2lstm.common.SharedDir;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelCorpusReaderTest {

  @TempDir
  Path dir;

  private String write(String name, byte[] bytes) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f.toString();
  }

  private String write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<SourcedPair> readAll(CorpusSpec spec, InvalidUtf8Policy policy, int maxLineBytes) {
    List<SourcedPair> pairs = new ArrayList<>();
    new ParallelCorpusReader(spec, 0, StreamOpener.LOCAL, policy, maxLineBytes).forEachRemaining(pairs::add);
    return pairs;
  }

  private static List<SourcedPair> readAll(CorpusSpec spec) {
    return readAll(spec, InvalidUtf8Policy.REPLACE, 1000);
  }

  @Test
  void plainPairsKeepLinesAndNumbers() throws IOException {
    CorpusSpec spec = CorpusSpec.plain("c", Split.TRAIN, write("a.en", "one\ntwo\r\n\nfour\n"),
        write("a.de", "eins\nzwei\n\nvier"));
    List<SourcedPair> pairs = readAll(spec);
    assertEquals(4, pairs.size());
    assertEquals(new TextPair("two", "zwei"), pairs.get(1).pair(), "a CR before the newline is dropped");
    assertEquals(new TextPair("", ""), pairs.get(2).pair());
    assertEquals(4, pairs.get(3).line());
    assertEquals(new TextPair("four", "vier"), pairs.get(3).pair(), "a missing final newline is fine");
  }

  @Test
  void differentLineCountsNameBothFilesAndCounts() throws IOException {
    String en = write("x.en", "1\n2\n3\n4\n5\n");
    String de = write("x.de", "1\n2\n3\n");
    DataException e = assertThrows(DataException.class,
        () -> readAll(CorpusSpec.plain("x", Split.TRAIN, en, de)));
    assertTrue(e.getMessage().contains("5 in " + en), e.getMessage());
    assertTrue(e.getMessage().contains("3 in " + de), e.getMessage());
  }

  @Test
  void gzipFilesAreDecompressed() throws IOException {
    Path gz = dir.resolve("g.en.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("hallo welt\n".getBytes(StandardCharsets.UTF_8));
    }
    List<SourcedPair> pairs = readAll(CorpusSpec.plain("g", Split.TRAIN, gz.toString(), write("g.de", "hi\n")));
    assertEquals("hallo welt", pairs.get(0).pair().source());
  }

  @Test
  void aFileNamedGzThatIsNotGzipIsBadData() throws IOException {
    String fake = write("fake.gz", "plain text\n");
    DataException e = assertThrows(DataException.class,
        () -> readAll(CorpusSpec.plain("f", Split.TRAIN, fake, write("f.de", "x\n"))));
    assertTrue(e.getMessage().contains("fake.gz"), e.getMessage());
  }

  @Test
  void missingFileNamesIt() {
    String absent = dir.resolve("absent.en").toString();
    DataException e = assertThrows(DataException.class,
        () -> readAll(CorpusSpec.plain("m", Split.TRAIN, absent, absent)));
    assertTrue(e.getMessage().contains("absent.en"), e.getMessage());
  }

  @Test
  void invalidUtf8IsReplacedAndFlagged() throws IOException {
    byte[] bad = {'a', (byte) 0xC3, '(', '\n', 'o', 'k', '\n'};
    List<SourcedPair> pairs = readAll(CorpusSpec.plain("u", Split.TRAIN, write("u.en", bad),
        write("u.de", "x\ny\n")));
    assertTrue(pairs.get(0).repairedUtf8());
    assertEquals("a\uFFFD(", pairs.get(0).pair().source());
    assertFalse(pairs.get(1).repairedUtf8());
  }

  @Test
  void invalidUtf8IsRejectedWithFileAndLineWhenConfigured() throws IOException {
    byte[] bad = {'o', 'k', '\n', (byte) 0xFF, '\n'};
    String en = write("r.en", bad);
    DataException e = assertThrows(DataException.class,
        () -> readAll(CorpusSpec.plain("r", Split.TRAIN, en, write("r.de", "x\ny\n")), InvalidUtf8Policy.REJECT,
            1000));
    assertTrue(e.getMessage().startsWith(en + ":2:"), e.getMessage());
  }

  @Test
  void overlongLinesAreFlaggedAndSkippedWithoutLosingAlignment() throws IOException {
    String longLine = "x".repeat(5000);
    List<SourcedPair> pairs = readAll(CorpusSpec.plain("l", Split.TRAIN, write("l.en", "a\n" + longLine + "\nc\n"),
        write("l.de", "A\nB\nC\n")), InvalidUtf8Policy.REPLACE, 100);
    assertEquals(3, pairs.size());
    assertTrue(pairs.get(1).overlong());
    assertEquals(new TextPair("c", "C"), pairs.get(2).pair());
  }

  @Test
  void tsvColumnsAreSelected() throws IOException {
    String tsv = write("t.tsv", "id1\tHallo\tHello\nid2\tJa\tYes\n");
    CorpusSpec spec = new CorpusSpec("t", Split.TRAIN, CorpusFormat.TSV, tsv, tsv, 2, 1);
    List<SourcedPair> pairs = readAll(spec);
    assertEquals(new TextPair("Yes", "Ja"), pairs.get(1).pair());
  }

  @Test
  void tsvWithTooFewColumnsNamesTheLine() throws IOException {
    String tsv = write("bad.tsv", "a\tb\nonly-one\n");
    CorpusSpec spec = new CorpusSpec("t", Split.TRAIN, CorpusFormat.TSV, tsv, tsv, 0, 1);
    DataException e = assertThrows(DataException.class, () -> readAll(spec));
    assertTrue(e.getMessage().startsWith(tsv + ":2:"), e.getMessage());
  }

  @Test
  void sgmSegmentsAlignByDocumentAndId() throws IOException {
    String src = write("s.sgm", "<srcset setid=\"t\" srclang=\"any\">\n<doc docid=\"d1\" genre=\"news\">\n"
        + "<seg id=\"1\">Guten  Tag</seg>\n<seg id=\"2\">Wie geht's?</seg>\n</doc>\n</srcset>\n");
    String ref = write("r.sgm", "<refset setid=\"t\" srclang=\"any\">\n<doc sysid=\"ref\" docid=\"d1\">\n"
        + "<seg id=\"1\">Good day</seg>\n<seg id=\"2\">How are you?</seg>\n</doc>\n</refset>\n");
    List<SourcedPair> pairs = readAll(new CorpusSpec("s", Split.TEST, CorpusFormat.SGM, src, ref, 0, 1));
    assertEquals(2, pairs.size());
    assertEquals(new TextPair("Guten Tag", "Good day"), pairs.get(0).pair());
  }

  @Test
  void sgmWithMismatchedSegmentsIsBadData() throws IOException {
    String src = write("s2.sgm", "<doc docid=\"d1\">\n<seg id=\"1\">a</seg>\n<seg id=\"2\">b</seg>\n</doc>\n");
    String ref = write("r2.sgm", "<doc docid=\"d1\">\n<seg id=\"1\">A</seg>\n<seg id=\"3\">C</seg>\n</doc>\n");
    DataException e = assertThrows(DataException.class,
        () -> readAll(new CorpusSpec("s", Split.TEST, CorpusFormat.SGM, src, ref, 0, 1)));
    assertTrue(e.getMessage().contains("d1/2") && e.getMessage().contains("d1/3"), e.getMessage());
  }

  @Test
  void sharedNewstestSgmMatchesThePlainText() throws IOException {
    Path sample = SharedDir.resolve("data/wmt14-sample").orElse(null);
    Assumptions.assumeTrue(sample != null, "shared data absent: " + SharedDir.describeSearch());
    CorpusSpec sgm = new CorpusSpec("newstest2014", Split.TEST, CorpusFormat.SGM,
        sample.resolve("newstest2014-deen-src.de.first300.sgm").toString(),
        sample.resolve("newstest2014-deen-ref.en.first300.sgm").toString(), 0, 1);
    CorpusSpec plain = CorpusSpec.plain("newstest2014", Split.TEST, sample.resolve("newstest2014.first300.de")
        .toString(), sample.resolve("newstest2014.first300.en").toString());
    List<SourcedPair> fromSgm = readAll(sgm, InvalidUtf8Policy.REJECT, 1 << 20);
    List<SourcedPair> fromPlain = readAll(plain, InvalidUtf8Policy.REJECT, 1 << 20);
    assertEquals(300, fromSgm.size());
    int same = 0;
    for (int i = 0; i < 300; i++) {
      if (fromSgm.get(i).pair().equals(fromPlain.get(i).pair())) {
        same++;
      }
    }
    assertEquals(300, same, "segments equal to the plain-text lines");
  }
}
