package io.g2lstm.report;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.Directories;
import io.g2lstm.common.TextFiles;
import io.g2lstm.report.Block.Figure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a study report into a directory: {@value #HTML} (the self-contained page), {@value #MARKDOWN} (the summary)
 * and the charts as {@code .svg} files beside them. The directory appears whole or not at all: the report is
 * rendered in memory, written into a temporary sibling ({@code <output>.tmp-<uuid>}) and renamed into place, an
 * earlier report being renamed aside first and removed after. A failure at any point removes the temporary directory
 * and leaves an earlier report as it was; a reader may, for an instant, find no report, but never half of one.
 */
public final class ReportWriter {

  public static final String HTML = "report.html";
  public static final String MARKDOWN = "report.md";

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
    StudyReport report = StudyReport.of(data);
    List<ReportFile> files = new ArrayList<>();
    files.add(ReportFile.of(HTML, HtmlPage.render(report)));
    files.add(ReportFile.of(MARKDOWN, MarkdownSummary.render(report)));
    for (Figure figure : report.figures()) {
      files.add(ReportFile.of(figure.fileName(), XML_DECLARATION + figure.svg()));
    }
    writeFiles(files, outputDirectory);
  }

  /**
   * Writes only the charts of {@code data} (SVG files named as in the report) into {@code outputDirectory},
   * replacing its content as {@link #write} does: the pictures of one job's results.
   */
  public static void writeFigures(ReportData data, Path outputDirectory) {
    List<ReportFile> files = new ArrayList<>();
    for (Figure figure : StudyReport.of(data).figures()) {
      files.add(ReportFile.of(figure.fileName(), XML_DECLARATION + figure.svg()));
    }
    writeFiles(files, outputDirectory);
  }

  /** Writes {@code files} as the whole content of {@code outputDirectory}, as {@link #write} describes. */
  static void writeFiles(List<ReportFile> files, Path outputDirectory) {
    Path output = outputDirectory.toAbsolutePath().normalize();
    Path parent = output.getParent();
    if (parent == null) {
      throw new ConfigurationException("report output " + outputDirectory
          + ": expected a directory below a parent, found the root");
    }
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new ConfigurationException("report output " + outputDirectory + ": expected a directory or nothing, "
          + "found a file");
    }
    Path staging = parent.resolve(output.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(parent);
      Files.createDirectory(staging);
    } catch (IOException e) {
      throw new ConfigurationException("report output " + outputDirectory + ": expected a writable location, found "
          + e, e);
    }
    Path previous = parent.resolve(output.getFileName() + ".old-" + UUID.randomUUID());
    boolean replaced;
    try {
      Set<String> names = new HashSet<>();
      for (ReportFile file : files) {
        Path target = staging.resolve(file.name()).normalize();
        if (!staging.equals(target.getParent())) {
          throw new ConfigurationException("report file '" + file.name() + "': expected a plain file name, found a "
              + "path");
        }
        if (!names.add(file.name())) {
          throw new ConfigurationException("report file '" + file.name() + "': expected each name once, found it "
              + "twice");
        }
        TextFiles.write(target, file.content());
      }
      replaced = Files.exists(output);
      if (replaced) {
        Files.move(output, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(staging, output, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (replaced) {
          Files.move(previous, output, StandardCopyOption.ATOMIC_MOVE);
        }
        throw e;
      }
    } catch (IOException e) {
      Directories.deleteTree(staging);
      throw new UncheckedIOException("writing the report " + output, e);
    } catch (RuntimeException e) {
      Directories.deleteTree(staging);
      throw e;
    }
    if (replaced) {
      Directories.deleteTree(previous);
    }
  }
}
