package io.g2lstm.spark.gpu;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** Spark's GPU addresses, as a task's {@code TaskContext.resources()} would hold them, to ND4J device numbers. */
class GpuAssignmentTest {

  private static Map<String, ResourceInformation> task(String... gpuAddresses) {
    return Map.of("gpu", new ResourceInformation("gpu", gpuAddresses));
  }

  @Test
  void twoTasksOnAFourGpuExecutorGetTheirOwnDevices() {
    GpuAssignment executor = new GpuAssignment(4, Optional.empty());
    Optional<Integer> first = executor.deviceFor(task("1"));
    Optional<Integer> second = executor.deviceFor(task("3"));
    assertEquals(Optional.of(1), first);
    assertEquals(Optional.of(3), second);
    assertNotEquals(first, second);
    ResourceInformation executorGpus = new ResourceInformation("gpu", new String[] {"0", "1", "2", "3"});
    assertEquals(List.of(0, 1, 2, 3), executor.devices(executorGpus));
  }

  @Test
  void aTaskWithoutAGpuHasNothingToBind() {
    GpuAssignment executor = new GpuAssignment(4, Optional.empty());
    assertEquals(Optional.empty(), executor.deviceFor(Map.of()));
    assertEquals(Optional.empty(),
        executor.deviceFor(Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"}))));
  }

  @Test
  void cudaVisibleDevicesRenumbersTheAddresses() {
    // The executor may use physical GPUs 2 and 3, which CUDA calls 0 and 1 in this process.
    GpuAssignment executor = new GpuAssignment(2, Optional.of("2,3"));
    assertEquals(Optional.of(0), executor.deviceFor(task("2")));
    assertEquals(Optional.of(1), executor.deviceFor(task("3")));
    assertEquals(1, new GpuAssignment(2, Optional.of("3, 1")).device("1"));
  }

  @Test
  void anAddressThatCudaVisibleDevicesHidesIsAnError() {
    GpuAssignment executor = new GpuAssignment(2, Optional.of("2,3"));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> executor.deviceFor(task("1")));
    assertEquals("GPU binding: expected GPU address 1 among CUDA_VISIBLE_DEVICES=2,3 (the discovery script prints "
        + "nvidia-smi indices), found it missing; check spark.executor.resource.gpu.discoveryScript", e.getMessage());
  }

  @Test
  void moreThanOneGpuPerTaskIsAnError() {
    GpuAssignment executor = new GpuAssignment(4, Optional.empty());
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> executor.deviceFor(task("0", "1")));
    assertEquals("GPU binding: expected one GPU address per task (spark.task.resource.gpu.amount=1), found 2: [0, 1]",
        e.getMessage());
  }

  @Test
  void anAddressThatIsNotAnIndexIsAnError() {
    GpuAssignment executor = new GpuAssignment(4, Optional.empty());
    for (String address : List.of("GPU-5f1c9a2e", "-1", "")) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> executor.device(address));
      assertEquals("GPU binding: expected GPU addresses that are device indices (0, 1, ...) as "
          + "spark.executor.resource.gpu.discoveryScript prints them, found '" + address + "'", e.getMessage());
    }
  }

  @Test
  void anAddressBeyondTheVisibleDevicesIsAnError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new GpuAssignment(2, Optional.empty()).deviceFor(task("2")));
    assertEquals("GPU binding: expected a GPU address naming one of the 2 CUDA device(s) this executor sees, found "
        + "address 2; check spark.executor.resource.gpu.discoveryScript and spark.task.resource.gpu.amount",
        e.getMessage());
    // CUDA stops reading CUDA_VISIBLE_DEVICES at an entry it cannot use, so it may see fewer devices than listed.
    ConfigurationException remapped = assertThrows(ConfigurationException.class,
        () -> new GpuAssignment(1, Optional.of("0,7")).device("7"));
    assertTrue(remapped.getMessage().contains("found address 7 (device 1 under CUDA_VISIBLE_DEVICES=0,7)"),
        remapped.getMessage());
  }

  @Test
  void eachTaskMustGetOneWholeGpu() {
    assertDoesNotThrow(() -> GpuAssignment.requireOneGpuPerTask(Optional.of("1")));
    assertDoesNotThrow(() -> GpuAssignment.requireOneGpuPerTask(Optional.of(" 1.0")));
    for (String amount : List.of("0.5", "2", "one")) {
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> GpuAssignment.requireOneGpuPerTask(Optional.of(amount)));
      assertEquals("Spark configuration: key 'spark.task.resource.gpu.amount': expected 1 (one whole GPU per task, so "
          + "that no two tasks share a device), found " + amount, e.getMessage());
    }
    ConfigurationException missing = assertThrows(ConfigurationException.class,
        () -> GpuAssignment.requireOneGpuPerTask(Optional.empty()));
    assertTrue(missing.getMessage().endsWith("found nothing"), missing.getMessage());
  }
}
