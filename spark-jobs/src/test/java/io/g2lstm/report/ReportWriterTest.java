package io.g2lstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.common.LifecycleException;
import io.g2lstm.common.fs.OutputOwner;
import io.g2lstm.common.fs.ProcessIdentity;
import io.g2lstm.report.ReportWriter.ReportFile;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    assertEquals(List.of(OutputOwner.MARKER, "gate-histogram-decoder-1-forget.svg",
        "gate-histogram-decoder-1-input.svg", "gate-histogram-encoder-1-forget.svg",
        "gate-histogram-encoder-1-input.svg", "report.html", "report.md", "token-gates-sentence-17.svg",
        "token-gates-sentence-3.svg"), listing(output));
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
    assertEquals(List.of(OutputOwner.MARKER, "report.html", "report.md"), listing(output),
        "the old report's charts are gone");
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
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ReportWriter.writeFiles(files, output,
        ReportWriter.REPORT, "report output"));
    assertEquals("disk full", e.getCause().getMessage());
    assertEquals(before, Files.readString(output.resolve("report.html")));
    assertEquals(9, listing(output).size());
    assertEquals(List.of("report"), listing(root), "the temporary directory is removed");
  }

  @Test
  void badDataFailsBeforeAnythingIsWritten() throws IOException {
    Path output = root.resolve("report");
    ReportWriter.write(ReportSamples.empty(), output);
    BleuScoreRow row = Rows.bleu("a", "m", "g2", 1, "t", 5, BleuFlavour.SACREBLEU, 1, List.of(), 1, 1, 1, "");
    assertThrows(DataException.class, () -> ReportWriter.write(new ReportData("r", "", List.of(row, row),
        List.of(), List.of(), List.of(), List.of()), output));
    assertEquals(List.of(OutputOwner.MARKER, "report.html", "report.md"), listing(output));
    assertEquals(List.of("report"), listing(root));
  }

  @Test
  void fileNamesMustBePlainAndUnique() throws IOException {
    Path output = root.resolve("report");
    assertEquals("report file '../escape.svg': expected a plain file name, found a path",
        assertThrows(ConfigurationException.class, () -> ReportWriter.writeFiles(
            List.of(ReportFile.of("../escape.svg", "x")), output, ReportWriter.REPORT, "report output")).getMessage());
    assertEquals("report file 'a.svg': expected each name once, found it twice",
        assertThrows(ConfigurationException.class, () -> ReportWriter.writeFiles(
            List.of(ReportFile.of("a.svg", "x"), ReportFile.of("a.svg", "y")), output, ReportWriter.REPORT,
            "report output")).getMessage());
    assertEquals(List.of(), listing(root), "nothing left behind");
  }

  @Test
  void theOutputMustNotBeAFile() throws IOException {
    Path file = Files.writeString(root.resolve("report"), "not a directory");
    assertEquals("report output " + file + ": expected nothing there, an empty directory or an earlier output of "
        + "'report' (with .g2lstm-output), found a file that is not a directory; it is left as it is",
        assertThrows(LifecycleException.class, () -> ReportWriter.write(ReportSamples.empty(), file)).getMessage());
    assertEquals("not a directory", Files.readString(file));
    assertEquals(List.of("report"), listing(root));
  }

  @Test
  void aDirectoryThatHoldsNoReportIsNeverReplaced() throws IOException {
    Path notes = Files.createDirectories(root.resolve("notes"));
    Files.writeString(notes.resolve("thesis.tex"), "years of work");
    LifecycleException e = assertThrows(LifecycleException.class, () -> ReportWriter.write(ReportSamples.study(),
        notes, "--output"));
    assertTrue(e.getMessage().startsWith("--output " + notes + ": expected nothing there") && e.getMessage()
        .endsWith("found a directory of other files (thesis.tex); it is left as it is"), e.getMessage());
    assertEquals(List.of("thesis.tex"), listing(notes));
    assertEquals("years of work", Files.readString(notes.resolve("thesis.tex")));
    assertEquals(List.of("notes"), listing(root));
    // the gates job's pictures are not a report either, nor a report the gates' pictures
    Path pictures = root.resolve("pictures");
    ReportWriter.writeFigures(ReportSamples.study(), pictures, "gates.images");
    assertThrows(LifecycleException.class, () -> ReportWriter.write(ReportSamples.study(), pictures));
    Path report = root.resolve("report");
    ReportWriter.write(ReportSamples.study(), report);
    assertThrows(LifecycleException.class, () -> ReportWriter.writeFigures(ReportSamples.study(), report, "x"));
  }

  @Test
  void anEmptyDirectoryIsReplacedAndTheReportHasTheUsersPermissions() throws IOException {
    Path output = Files.createDirectories(root.resolve("empty"));
    ReportWriter.write(ReportSamples.study(), output);
    assertTrue(Files.isRegularFile(output.resolve(ReportWriter.HTML)));
    Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(Files.createFile(root.resolve("plain")));
    try (Stream<Path> files = Files.list(output)) {
      for (Path file : files.toList()) {
        assertEquals(umasked, Files.getPosixFilePermissions(file), file.toString());
      }
    }
  }

  @Test
  void leftoversOfAKilledRunAreRemovedWhenTheirProcessHasEnded() throws IOException, InterruptedException {
    Path output = root.resolve("report");
    ReportWriter.write(ReportSamples.empty(), output);
    ProcessIdentity self = ProcessIdentity.current();
    // a run killed while writing: a process that has ended
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    String ownerJson = new ProcessIdentity(self.host(), ended.pid(), 1).toJson(Map.of("output", output.toString(),
        "job", "report"));
    Path staleStaging = Files.createDirectories(root.resolve("report.tmp-" + UUID.randomUUID()));
    Files.writeString(staleStaging.resolve("report.html"), "half");
    Files.writeString(root.resolve(staleStaging.getFileName() + ".owner"), ownerJson);
    // a run killed after moving the old report aside and the new one in
    Path staleOld = Files.createDirectories(root.resolve("report.old-" + UUID.randomUUID()));
    Files.writeString(staleOld.resolve(OutputOwner.MARKER), Files.readString(output.resolve(OutputOwner.MARKER)));
    // a live run's staging directory, and a directory that merely looks like one
    Path live = Files.createDirectories(root.resolve("report.tmp-" + UUID.randomUUID()));
    Files.writeString(root.resolve(live.getFileName() + ".owner"), self.toJson(Map.of("output", output.toString(),
        "job", "report")));
    Path foreign = Files.createDirectories(root.resolve("report.old-" + UUID.randomUUID()));
    Files.writeString(foreign.resolve("mine.txt"), "not a report");

    ReportWriter.write(ReportSamples.empty(), output);
    List<String> left = listing(root);
    assertEquals(List.of("report", foreign.getFileName().toString(), live.getFileName().toString(),
        live.getFileName() + ".owner").stream().sorted().toList(), left);
  }
}
