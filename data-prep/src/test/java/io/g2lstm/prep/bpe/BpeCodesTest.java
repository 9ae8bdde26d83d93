package io.g2lstm.prep.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.g2lstm.common.DataException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeCodesTest {

  private static final BpeCodes CODES = new BpeCodes(List.of(
      new BpeCodes.Merge("\uD83D\uDE00", "a</w>"),
      new BpeCodes.Merge("x\t", "y"),
      new BpeCodes.Merge("l", "o")));

  @Test
  void writesTheVersionHeaderAndOneLinePerMerge() throws IOException {
    StringWriter out = new StringWriter();
    CODES.write(out);
    assertEquals("#version: 0.2\n\uD83D\uDE00 a</w>\nx\t y\nl o\n", out.toString());
  }

  @Test
  void roundTripsThroughAFile(@TempDir Path dir) {
    Path file = dir.resolve("codes");
    CODES.write(file);
    assertEquals(CODES, BpeCodes.read(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readsCrLfLinesAndIgnoresTrailingBlankLines() throws IOException {
    BpeCodes codes = BpeCodes.read(new StringReader("#version: 0.2\r\nl o\r\n lo w</w> \n\n\n"), "crlf");
    assertEquals(List.of(new BpeCodes.Merge("l", "o"), new BpeCodes.Merge("lo", "w</w>")), codes.merges());
  }

  @Test
  void headerOnlyMeansNoMerges() throws IOException {
    assertEquals(0, BpeCodes.read(new StringReader("#version: 0.2\n"), "empty codes").size());
  }

  @Test
  void malformedLineIsReportedWithFileLineExpectedAndFound(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("broken.codes");
    Files.writeString(file, "#version: 0.2\nl o\nlo w </w>\n", StandardCharsets.UTF_8);
    DataException error = assertThrows(DataException.class, () -> BpeCodes.read(file));
    assertEquals(file + ":3: expected two symbols separated by one space, found 'lo w </w>'", error.getMessage());
  }

  @Test
  void blankLineInsideTheMergesIsMalformed() {
    DataException error = assertThrows(DataException.class,
        () -> BpeCodes.read(new StringReader("#version: 0.2\nl o\n\nlo w</w>\n"), "gap"));
    assertEquals("gap:3: expected two symbols separated by one space, found ''", error.getMessage());
  }

  @Test
  void missingHeaderIsReported() {
    DataException error = assertThrows(DataException.class,
        () -> BpeCodes.read(new StringReader("l o\nlo w</w>\n"), "old.codes"));
    assertEquals("old.codes:1: expected the header '#version: 0.2', found 'l o'", error.getMessage());
  }

  @Test
  void emptyInputIsReported() {
    DataException error = assertThrows(DataException.class, () -> BpeCodes.read(new StringReader(""), "none"));
    assertEquals("none: expected the header '#version: 0.2', found an empty file", error.getMessage());
  }

  @Test
  void mergesRejectSymbolsThatWouldNotReadBack() {
    assertThrows(IllegalArgumentException.class, () -> new BpeCodes.Merge("a b", "c"));
    assertThrows(IllegalArgumentException.class, () -> new BpeCodes.Merge("a", ""));
  }
}
