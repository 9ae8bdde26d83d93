package io.g2lstm.spark.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.spark.gpu.NvidiaSmi.Gpu;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which GPUs nd4j-cuda-11.6 1.0.0-M2.1 can run on, and the probe that asks nvidia-smi. */
class CudaBackendTest {

  private static final Gpu A100 = new Gpu(0, "NVIDIA A100-SXM4-80GB", 8, 0);
  private static final Gpu H100 = new Gpu(1, "NVIDIA H100 80GB HBM3", 9, 0);

  @Test
  void theTestsRunOnTheCpuBuildWhereThereIsNothingToCheck() {
    assertFalse(CudaBackend.isPresent());
    assertEquals(List.of(), CudaBackend.requireUsableGpus());
  }

  @Test
  void acceptsComputeCapability37To8x() {
    List<Gpu> gpus = List.of(new Gpu(0, "Tesla K80", 3, 7), new Gpu(1, "Tesla T4", 7, 5), A100,
        new Gpu(3, "NVIDIA GeForce RTX 3090", 8, 6), new Gpu(4, "NVIDIA L4", 8, 9));
    assertEquals(gpus, CudaBackend.requireSupported(gpus));
  }

  @Test
  void rejectsHopperSayingWhy() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> CudaBackend.requireSupported(List.of(A100, H100)));
    assertEquals("GPU build: expected GPUs of compute capability 3.7 up to (not including) 9.0, found GPU 1 "
        + "(NVIDIA H100 80GB HBM3, compute capability 9.0). nd4j-cuda-11.6 1.0.0-M2.1 has kernels only for compute "
        + "capability 3.7–8.6 and no PTX, so it cannot run on older GPUs nor on Hopper (9.0) and newer. Use the CPU "
        + "build (built without -Pcuda), or GPUs of compute capability 3.7–8.6 such as V100, T4, A10 or A100 "
        + "(deploy/README.md, 'GPU executors').", e.getMessage());
  }

  @Test
  void rejectsGpusOlderThan37AndNewerThanHopper() {
    for (Gpu gpu : List.of(new Gpu(0, "Tesla K40m", 3, 5), new Gpu(0, "NVIDIA B200", 10, 0))) {
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> CudaBackend.requireSupported(List.of(gpu)));
      assertTrue(e.getMessage().contains("found " + gpu.describe() + "."), e.getMessage());
    }
  }

  @Test
  void noGpuIsAClearError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> CudaBackend.requireSupported(NvidiaSmi.parse("")));
    assertEquals("GPU build started without a GPU: expected 'nvidia-smi --query-gpu=index,name,compute_cap "
        + "--format=csv,noheader' to list at least one GPU, found no GPU. Use the CPU build (built without -Pcuda), "
        + "or run on GPUs: the driver needs one, and executors need spark.executor.resource.gpu.amount and "
        + "spark.executor.resource.gpu.discoveryScript (deploy/README.md, 'GPU executors').", e.getMessage());
  }

  @Test
  void probeReadsWhatTheCommandPrints() {
    assertEquals(List.of(A100), CudaBackend.probe(List.of("sh", "-c", "echo '0, NVIDIA A100-SXM4-80GB, 8.0'")));
  }

  @Test
  void aMissingNvidiaSmiMeansNoGpu() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> CudaBackend.probe(List.of("g2lstm-no-such-nvidia-smi")));
    assertTrue(e.getMessage().startsWith("GPU build started without a GPU: expected 'nvidia-smi "), e.getMessage());
    assertTrue(e.getMessage().contains("found that g2lstm-no-such-nvidia-smi cannot be run ("), e.getMessage());
  }

  @Test
  void aFailingNvidiaSmiMeansNoGpuAndShowsWhatItSaid() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> CudaBackend.probe(List.of("sh", "-c", "echo 'No devices were found'; exit 6")));
    assertTrue(e.getMessage().contains("found sh exit status 6: No devices were found. Use the CPU build"),
        e.getMessage());
  }
}
