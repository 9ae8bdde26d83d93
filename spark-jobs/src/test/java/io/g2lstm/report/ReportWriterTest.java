package io.g2lstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.report.ReportWriter.ReportFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report directory appears whole or not at all, and replaces an earlier report only when complete. */
class ReportWriterTest {

  @TempDir
  Path root;

  private List<String> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesThePageTheSummaryAndEveryChart() throws IOException {
    Path output = root.resolve("reports").resolve(ReportSamples.RUN_ID);
    ReportWriter.write(ReportSamples.study(), output);
    assertEquals(List.of("gate-histogram-decoder-1-forget.svg", "gate-histogram-decoder-1-input.svg",
        "gate-histogram-encoder-1-forget.svg", "gate-histogram-encoder-1-input.svg", "report.html", "report.md",
        "token-gates-sentence-17.svg", "token-gates-sentence-3.svg"), listing(output));
    assertEquals(List.of(ReportSamples.RUN_ID), listing(output.getParent()), "no temporary directory left");
    StudyReport report = StudyReport.of(ReportSamples.study());
    assertEquals(HtmlPage.render(report), Files.readString(output.resolve("report.html"), StandardCharsets.UTF_8));
    assertEquals(MarkdownSummary.render(report), Files.readString(output.resolve("report.md")));
    String svg = Files.readString(output.resolve("token-gates-sentence-3.svg"), StandardCharsets.UTF_8);
    assertTrue(svg.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), svg);
    Xml.parse(svg);
  }

  @Test
  void aNewReportReplacesTheOldOneWhole() throws IOException {
    Path output = root.resolve("report");
    ReportWriter.write(ReportSamples.study(), output);
    ReportWriter.write(ReportSamples.empty(), output);
    assertEquals(List.of("report.html", "report.md"), listing(output), "the old report's charts are gone");
    assertTrue(Files.readString(output.resolve("report.md")).contains("No BLEU scores yet"));
    assertEquals(List.of("report"), listing(root));
  }

  @Test
  void aFailureWhileWritingLeavesTheEarlierReportIntact() throws IOException {
    Path output = root.resolve("report");
    ReportWriter.write(ReportSamples.study(), output);
    String before = Files.readString(output.resolve("report.html"));
    List<ReportFile> files = List.of(ReportFile.of("report.html", "<p>new</p>"),
        new ReportFile("report.md", out -> {
          out.write("# half a summary\n");
          throw new IOException("disk full");
        }));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ReportWriter.writeFiles(files, output));
    assertEquals("disk full", e.getCause().getMessage());
    assertEquals(before, Files.readString(output.resolve("report.html")));
    assertEquals(8, listing(output).size());
    assertEquals(List.of("report"), listing(root), "the temporary directory is removed");
  }

  @Test
  void badDataFailsBeforeAnythingIsWritten() throws IOException {
    Path output = root.resolve("report");
    ReportWriter.write(ReportSamples.empty(), output);
    BleuRow row = new BleuRow("a", "m", "g2", 1, "t", 5, BleuRow.SACREBLEU, 1, List.of(), 1, 1, 1, "");
    assertThrows(DataException.class, () -> ReportWriter.write(new ReportData("r", "", List.of(row, row),
        List.of(), List.of(), List.of(), List.of()), output));
    assertEquals(List.of("report.html", "report.md"), listing(output));
    assertEquals(List.of("report"), listing(root));
  }

  @Test
  void fileNamesMustBePlainAndUnique() throws IOException {
    Path output = root.resolve("report");
    assertEquals("report file '../escape.svg': expected a plain file name, found a path",
        assertThrows(ConfigurationException.class, () -> ReportWriter.writeFiles(
            List.of(ReportFile.of("../escape.svg", "x")), output)).getMessage());
    assertEquals("report file 'a.svg': expected each name once, found it twice",
        assertThrows(ConfigurationException.class, () -> ReportWriter.writeFiles(
            List.of(ReportFile.of("a.svg", "x"), ReportFile.of("a.svg", "y")), output)).getMessage());
    assertEquals(List.of(), listing(root), "nothing left behind");
  }

  @Test
  void theOutputMustNotBeAFile() throws IOException {
    Path file = Files.writeString(root.resolve("report"), "not a directory");
    assertEquals("report output " + file + ": expected a directory or nothing, found a file",
        assertThrows(ConfigurationException.class, () -> ReportWriter.write(ReportSamples.empty(), file))
            .getMessage());
    assertEquals("not a directory", Files.readString(file));
  }
}
