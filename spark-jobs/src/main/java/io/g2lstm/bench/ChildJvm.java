package io.g2lstm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A g2lstm command in a JVM of its own, started like this one (its class path, Java 17 options and, unless given,
 * memory limits), whose resident memory is sampled while it runs: for benchmarks and tests of what a command needs.
 *
 * @param mainClass the command line's class, given by the caller (this package does not depend on it)
 * @param jvmOptions options for the child; the memory options of this JVM when empty
 */
public record ChildJvm(String mainClass, List<String> jvmOptions, Map<String, String> environment) {

  /** How a run ended. */
  public record Outcome(int status, String output, long peakResidentMib, List<Long> residentMib) {}

  /** A child with this JVM's memory options (those {@code bin/g2lstm} derives from {@code G2LSTM_MEMORY}). */
  public static ChildJvm likeThisOne(String mainClass) {
    List<String> memory = new ArrayList<>();
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("-Xmx") || option.startsWith("-Dorg.bytedeco.javacpp.max")) {
        memory.add(option);
      }
    }
    return new ChildJvm(mainClass, memory, Map.of());
  }

  /** A child with the options {@code bin/g2lstm} derives from a memory budget of {@code budgetMib} MiB (same rule). */
  public static ChildJvm withBudget(String mainClass, long budgetMib) {
    return new ChildJvm(mainClass, List.of("-Xmx" + budgetMib / 3 + "m",
        "-Dorg.bytedeco.javacpp.maxbytes=" + budgetMib * 5 / 12 + "m",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + budgetMib * 95 / 100 + "m"), Map.of("MALLOC_ARENA_MAX", "2"));
  }

  /** Runs {@code g2lstm args...}, its output (standard error too) into {@code log}, sampling its resident memory. */
  public Outcome run(List<String> args, Path log, long timeoutSeconds) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    command.addAll(jvmOptions);
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--add-opens") || option.startsWith("-Dlog4j2.configurationFile")) {
        command.add(option);
      }
    }
    // Surefire starts a test JVM from a jar that only names the class path in its manifest; it gives the real one.
    command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")), mainClass));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putIfAbsent("OMP_NUM_THREADS", "1");
    builder.environment().putAll(environment);
    Process process = builder.start();
    List<Long> resident = new ArrayList<>();
    long peak = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (process.isAlive() && System.nanoTime() < deadline) {
      Optional<long[]> memory = residentAndPeakMib(process.pid());
      if (memory.isPresent()) {
        resident.add(memory.get()[0]);
        peak = Math.max(peak, memory.get()[1]);
      }
      Thread.sleep(250);
    }
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
      throw new IOException(String.join(" ", args) + ": not done after " + timeoutSeconds + " s; see " + log);
    }
    return new Outcome(process.exitValue(), Files.readString(log), peak, List.copyOf(resident));
  }

  /** VmRSS and VmHWM (the peak so far) of a process, from /proc. */
  private static Optional<long[]> residentAndPeakMib(long pid) {
    long rss = -1;
    long peak = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        } else if (line.startsWith("VmHWM:")) {
          peak = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the process has just ended
    }
    return rss < 0 || peak < 0 ? Optional.empty() : Optional.of(new long[] {rss, peak});
  }
}
