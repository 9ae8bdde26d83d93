package io.g2lstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.g2lstm.common.Directories;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample report as headless Chromium renders it: the DOM it builds holds the tables' cells and the charts, and a
 * screenshot is a real picture. Skipped without {@code /usr/bin/chromium}, unless {@code G2_REQUIRE_CHROMIUM=1}
 * (CI) makes that a failure. The report and screenshot stay in {@code target/report-browser-test} to look at.
 */
class ReportBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path WORK = Path.of("target", "report-browser-test");
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 2000;

  @BeforeEach
  void requireChromium() {
    if (Files.isExecutable(CHROMIUM)) {
      return;
    }
    String message = CHROMIUM + " is not installed (apt-get install chromium)";
    if ("1".equals(System.getenv("G2_REQUIRE_CHROMIUM"))) {
      fail(message + ", and G2_REQUIRE_CHROMIUM=1 requires it");
    }
    Assumptions.abort(message + "; skipping the browser test");
  }

  private record Run(int exitStatus, String output) {}

  /** Runs Chromium headless on the sample report with {@code arguments}, in a fresh profile, for at most 60 s. */
  private static Run chromium(Path report, String... arguments) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("g2lstm-chromium-");
    Path output = Files.createTempFile("g2lstm-chromium-", ".out");
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
    command.addAll(List.of(arguments));
    command.add(report.toUri().toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(false)
        .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        fail("chromium did not finish within 60 s: " + command);
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Directories.deleteTree(profile);
      Files.deleteIfExists(output);
    }
  }

  private static Path sampleReport() {
    Path directory = WORK.resolve("report").toAbsolutePath();
    ReportWriter.write(ReportSamples.study(), directory);
    return directory.resolve(ReportWriter.HTML);
  }

  @Test
  void theRenderedDomHasTheTablesAndCharts() throws Exception {
    Run run = chromium(sampleReport(), "--dump-dom");
    assertEquals(0, run.exitStatus(), run.output());
    String dom = run.output();
    for (String expected : List.of("<table id=\"bleu-table\"", "<table id=\"compression-table\"",
        "<section id=\"gate-histograms\"", "<section id=\"token-gates\"", "G²-LSTM", "29.44</strong>",
        "25.42 (−1.42)", "Round &amp; clip (0.5, 1.0)", "SVD rank 16", ReportSamples.SIGNATURE, "Bäume",
        "&amp;quot;", "mean gate value")) {
      assertTrue(dom.contains(expected), expected + " missing from the DOM");
    }
    assertEquals(6, count(dom, "<svg "), "4 histogram figures and 2 heatmaps");
    assertTrue(count(dom, "<rect ") > 300, "bars and cells drawn");
  }

  @Test
  void theScreenshotIsAPictureOfThePage() throws Exception {
    Path png = WORK.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(png);
    Run run = chromium(sampleReport(), "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT);
    assertEquals(0, run.exitStatus(), run.output());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(WIDTH, image.getWidth());
    assertEquals(HEIGHT, image.getHeight());
    int first = image.getRGB(0, 0);
    int differing = 0;
    for (int y = 0; y < HEIGHT; y += 7) {
      for (int x = 0; x < WIDTH; x += 7) {
        if (image.getRGB(x, y) != first) {
          differing++;
        }
      }
    }
    // Text, rules and charts: a blank or single-colour page would have none.
    assertTrue(differing > 2000, differing + " sampled pixels differ from the corner's colour");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
