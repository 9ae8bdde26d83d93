package io.g2lstm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference tools that benchmarks are set beside, run in the same benchmark when a Python with their package is
 * found ({@code python3} on the path, else Debian's {@code /usr/bin/python3}, where {@code python3-torch} installs):
 * the PyTorch peer of {@code bench train} ({@code peers/torch_nmt_bench.py} in the shared folder) and subword-nmt's
 * {@code learn_bpe}. Where none is found, nothing is quoted.
 */
public final class PythonPeers {

  /** A PyTorch peer measurement: median step time and target tokens per second. */
  public record TorchResult(String python, double stepSeconds, double tokensPerSecond) {}

  private static final Pattern LINE = Pattern.compile("step ([0-9.]+) s, ([0-9]+) target tokens/s");
  private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");

  private PythonPeers() {}

  /** The first Python that imports {@code module}, if any. */
  public static Optional<String> pythonWith(String module) {
    for (String python : PYTHONS) {
      try {
        if (run(List.of(python, "-c", "import " + module), 120).exitValue() == 0) {
          return Optional.of(python);
        }
      } catch (IOException e) {
        // not installed: try the next
      }
    }
    return Optional.empty();
  }

  /** Runs the PyTorch peer in {@code mode} (baseline or g2) with {@code threads} threads. */
  public static TorchResult torch(String python, Path script, String mode, int threads) throws IOException {
    Process process = run(List.of(python, script.toString(), "--mode", mode, "--threads", Integer.toString(threads)),
        1800);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher m = LINE.matcher(output);
    if (process.exitValue() != 0 || !m.find()) {
      throw new IOException(script + " --mode " + mode + ": expected a line with the step time, found exit status "
          + process.exitValue() + " and: " + output.strip());
    }
    return new TorchResult(python, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
  }

  /** The wall time of subword-nmt's {@code learn_bpe -s symbols} on {@code text}, interpreter start included. */
  public static double subwordNmtLearnSeconds(String python, Path text, int symbols) throws IOException {
    Path codes = Files.createTempFile("subword-nmt-", ".codes");
    try {
      long start = System.nanoTime();
      Process process = run(List.of(python, "-m", "subword_nmt.learn_bpe", "-s", Integer.toString(symbols),
          "--input", text.toString(), "--output", codes.toString()), 1800);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (process.exitValue() != 0) {
        throw new IOException("subword_nmt.learn_bpe: expected exit status 0, found " + process.exitValue() + ": "
            + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
      }
      return seconds;
    } finally {
      Files.deleteIfExists(codes);
    }
  }

  private static Process run(List<String> command, int timeoutSeconds) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + ": no answer in " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return process;
  }
}
