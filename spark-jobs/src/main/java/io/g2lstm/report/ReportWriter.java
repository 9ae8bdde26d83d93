package io.g2lstm.report;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.TextFiles;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.common.fs.OutputOwner;
import io.g2lstm.common.fs.StagedDirectory;
import io.g2lstm.report.Block.Figure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a study report into a directory: {@value #HTML} (the self-contained page), {@value #MARKDOWN} (the summary)
 * and the charts as {@code .svg} files beside them. The directory appears whole or not at all, and replaces only an
 * earlier report (see {@link StagedDirectory}): the report is rendered in memory, written into a temporary sibling
 * and renamed into place. A failure at any point removes the temporary directory and leaves an earlier report as it
 * was; a reader may, for an instant, find no report, but never half of one. Anything else at the output (a file,
 * a directory of other files) is refused and left as it is.
 */
public final class ReportWriter {

  public static final String HTML = "report.html";
  public static final String MARKDOWN = "report.md";

  /** Reports carry a marker, so that a new report replaces only a directory that holds an earlier report. */
  public static final OutputOwner REPORT = OutputOwner.marked("report");
  /** The gates job's pictures, likewise. */
  public static final OutputOwner FIGURES = OutputOwner.marked("gates");

  private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  /** A file of the report: its name in the output directory and what writes it. */
  record ReportFile(String name, TextFiles.TextWriter content) {

    static ReportFile of(String name, String text) {
      return new ReportFile(name, out -> out.write(text));
    }
  }

  private ReportWriter() {}

  /**
   * Renders {@code data} and writes the report into {@code outputDirectory} (local file system; its parents are
   * created), replacing any report there.
   */
  public static void write(ReportData data, Path outputDirectory) {
    write(data, outputDirectory, "report output");
  }

  /**
   * As {@link #write(ReportData, Path)}; {@code setting} names the setting or option that chose the directory, in
   * messages.
   */
  public static void write(ReportData data, Path outputDirectory, String setting) {
    StudyReport report = StudyReport.of(data);
    List<ReportFile> files = new ArrayList<>();
    files.add(ReportFile.of(HTML, HtmlPage.render(report)));
    files.add(ReportFile.of(MARKDOWN, MarkdownSummary.render(report)));
    for (Figure figure : report.figures()) {
      files.add(ReportFile.of(figure.fileName(), XML_DECLARATION + figure.svg()));
    }
    writeFiles(files, outputDirectory, REPORT, setting);
  }

  /**
   * Writes only the charts of {@code data} (SVG files named as in the report) into {@code outputDirectory},
   * replacing its content as {@link #write} does: the pictures of one job's results.
   */
  public static void writeFigures(ReportData data, Path outputDirectory, String setting) {
    List<ReportFile> files = new ArrayList<>();
    for (Figure figure : StudyReport.of(data).figures()) {
      files.add(ReportFile.of(figure.fileName(), XML_DECLARATION + figure.svg()));
    }
    writeFiles(files, outputDirectory, FIGURES, setting);
  }

  /** Writes {@code files} as the whole content of {@code outputDirectory}, as {@link #write} describes. */
  static void writeFiles(List<ReportFile> files, Path outputDirectory, OutputOwner owner, String setting) {
    Set<String> names = new HashSet<>();
    for (ReportFile file : files) {
      Path name = Path.of(file.name());
      if (name.getNameCount() != 1 || !name.getFileName().toString().equals(file.name())
          || file.name().startsWith(".")) {
        throw new ConfigurationException("report file '" + file.name() + "': expected a plain file name, found a "
            + "path");
      }
      if (!names.add(file.name())) {
        throw new ConfigurationException("report file '" + file.name() + "': expected each name once, found it "
            + "twice");
      }
    }
    try (StagedDirectory staged = StagedDirectory.begin(LocalFileStore.INSTANCE, outputDirectory.toString(), owner,
        setting)) {
      Path staging = Path.of(staged.path());
      for (ReportFile file : files) {
        TextFiles.write(staging.resolve(file.name()), file.content());
      }
      staged.commit();
    }
  }
}
