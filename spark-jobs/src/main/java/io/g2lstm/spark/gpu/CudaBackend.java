package io.g2lstm.spark.gpu;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.spark.gpu.NvidiaSmi.Gpu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The CUDA backend of the {@code -Pcuda} build (nd4j-cuda-11.6 1.0.0-M2.1), and whether this machine's GPUs can run
 * it.
 *
 * <p>That backend ships compiled kernels for compute capability 3.7 to 8.6 and no PTX, so the driver has nothing to
 * compile for a newer architecture: ND4J cannot run on Hopper (9.0) or anything later. {@link #requireUsableGpus()}
 * asks nvidia-smi before ND4J loads, so that the failure names the GPU and what to do. GPUs of capability 8.7 and 8.9
 * (Ada) pass: CUDA runs kernels compiled for 8.6 on any later GPU of the same major version.
 *
 * <p>Nothing here initialises ND4J, so it is safe to call before ND4J's first use and free on the CPU build.
 */
public final class CudaBackend {

  /** nd4j-cuda's backend class; the CPU build does not have it. */
  static final String BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

  private static final long PROBE_TIMEOUT_SECONDS = 60;

  private CudaBackend() {}

  /** Whether this is the CUDA build: its backend class is on the class path (looked up, not initialised). */
  public static boolean isPresent() {
    try {
      Class.forName(BACKEND_CLASS, false, CudaBackend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * On the CUDA build, checks that this machine has GPUs the backend can run on, and returns them; on the CPU build,
   * returns none and does nothing else. Call it before ND4J's first use: jobs call it on the driver (through
   * {@code SparkSessions.open}), {@link GpuBindingPlugin} on each executor.
   *
   * @throws ConfigurationException when there is no GPU or one of unsupported compute capability
   */
  public static List<Gpu> requireUsableGpus() {
    return isPresent() ? requireSupported(probe(NvidiaSmi.COMMAND)) : List.of();
  }

  /** Rejects an empty list ("started without a GPU") and GPUs outside compute capability 3.7 to 8.x. */
  public static List<Gpu> requireSupported(List<Gpu> gpus) {
    if (gpus.isEmpty()) {
      throw noGpu("no GPU", null);
    }
    List<Gpu> unsupported = gpus.stream().filter(gpu -> !gpu.atLeast(3, 7) || gpu.atLeast(9, 0)).toList();
    if (!unsupported.isEmpty()) {
      throw new ConfigurationException("GPU build: expected GPUs of compute capability 3.7 up to (not including) "
          + "9.0, found " + unsupported.stream().map(Gpu::describe).collect(Collectors.joining(", "))
          + ". nd4j-cuda-11.6 1.0.0-M2.1 has kernels only for compute capability 3.7–8.6 and no PTX, so it cannot run "
          + "on older GPUs nor on Hopper (9.0) and newer. Use the CPU build (built without -Pcuda), or GPUs of "
          + "compute capability 3.7–8.6 such as V100, T4, A10 or A100 (deploy/README.md, 'GPU executors').");
    }
    return gpus;
  }

  /** Runs the nvidia-smi query; a missing, failing or silent nvidia-smi means no usable GPU. */
  static List<Gpu> probe(List<String> command) {
    Path output;
    try {
      output = Files.createTempFile("g2lstm-nvidia-smi", ".txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Process process;
      try {
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      } catch (IOException e) {
        throw noGpu("that " + command.get(0) + " cannot be run (" + e.getMessage() + ")", e);
      }
      if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw noGpu(command.get(0) + " still running after " + PROBE_TIMEOUT_SECONDS + " s", null);
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw noGpu(command.get(0) + " exit status " + process.exitValue() + ": " + text.strip(), null);
      }
      return NvidiaSmi.parse(text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw noGpu("an interrupt while waiting for " + command.get(0), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        // a stray temporary file is no reason to fail
      }
    }
  }

  private static ConfigurationException noGpu(String found, Throwable cause) {
    return new ConfigurationException("GPU build started without a GPU: expected '"
        + String.join(" ", NvidiaSmi.COMMAND) + "' to list at least one GPU, found " + found
        + ". Use the CPU build (built without -Pcuda), or run on GPUs: the driver needs one, and executors need "
        + GpuAssignment.EXECUTOR_AMOUNT + " and " + GpuAssignment.DISCOVERY_SCRIPT
        + " (deploy/README.md, 'GPU executors').", cause);
  }
}
