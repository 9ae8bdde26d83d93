package io.g2lstm.spark.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.spark.gpu.NvidiaSmi.Gpu;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskContext$;
import org.apache.spark.TaskContextImpl;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/**
 * The executor side of the plugin, driven as Spark drives it: {@code init} with the executor's resources, then
 * {@code onTaskStart} on a thread whose {@link TaskContext} holds the task's GPU. CUDA itself is simulated.
 */
class GpuBindingPluginTest {

  /** A simulated CUDA machine that records which devices threads were bound to. */
  private static final class SimulatedCuda implements GpuBindingPlugin.Cuda {
    final List<Gpu> gpus;
    final Optional<String> cudaVisibleDevices;
    final List<Integer> bound = new ArrayList<>();

    SimulatedCuda(List<Gpu> gpus, Optional<String> cudaVisibleDevices) {
      this.gpus = gpus;
      this.cudaVisibleDevices = cudaVisibleDevices;
    }

    @Override
    public List<Gpu> requireUsableGpus() {
      return CudaBackend.requireSupported(gpus);
    }

    @Override
    public int deviceCount() {
      return cudaVisibleDevices.map(list -> list.split(",").length).orElse(gpus.size());
    }

    @Override
    public Optional<String> cudaVisibleDevices() {
      return cudaVisibleDevices;
    }

    @Override
    public void bind(int device) {
      bound.add(device);
    }
  }

  private static List<Gpu> a100s(int n) {
    List<Gpu> gpus = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      gpus.add(new Gpu(i, "NVIDIA A100-SXM4-40GB", 8, 0));
    }
    return gpus;
  }

  /** A plugin context with the executor's GPU addresses (none: null) and Spark configuration. */
  private static PluginContext executor(String[] gpuAddresses, SparkConf conf) {
    Map<String, ResourceInformation> resources =
        gpuAddresses == null ? Map.of() : Map.of("gpu", new ResourceInformation("gpu", gpuAddresses));
    return (PluginContext) Proxy.newProxyInstance(PluginContext.class.getClassLoader(),
        new Class<?>[] {PluginContext.class}, (proxy, method, args) -> switch (method.getName()) {
          case "resources" -> resources;
          case "conf" -> conf;
          case "executorID" -> "7";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static SparkConf cluster(String taskAmount) {
    SparkConf conf = new SparkConf(false).set("spark.master", "yarn");
    return taskAmount == null ? conf : conf.set(GpuAssignment.TASK_AMOUNT, taskAmount);
  }

  /** Runs Spark's task-start hook as Spark does: on a thread whose TaskContext holds the task's resources. */
  private static void startTask(ExecutorPlugin plugin, long attempt, String... gpuAddresses) {
    scala.collection.immutable.Map<String, ResourceInformation> resources =
        scala.collection.immutable.Map$.MODULE$.empty();
    if (gpuAddresses.length > 0) {
      resources = resources.updated("gpu", new ResourceInformation("gpu", gpuAddresses));
    }
    TaskContext$.MODULE$.setTaskContext(new TaskContextImpl(0, 0, (int) attempt, attempt, 0, 4, null,
        new Properties(), null, null, 1, resources));
    try {
      plugin.onTaskStart();
    } finally {
      TaskContext$.MODULE$.unset();
    }
  }

  @Test
  void onTheCpuBuildTheHooksDoNothing() {
    // The test class path is the CPU build's: no nd4j-cuda.
    ExecutorPlugin plugin = new GpuBindingPlugin().executorPlugin();
    PluginContext untouchable = (PluginContext) Proxy.newProxyInstance(PluginContext.class.getClassLoader(),
        new Class<?>[] {PluginContext.class}, (proxy, method, args) -> {
          throw new AssertionError("the CPU build asked the plugin context for " + method.getName());
        });
    plugin.init(untouchable, Map.of());
    assertNull(TaskContext.get());
    plugin.onTaskStart();
    startTask(plugin, 1, "0");
    assertNull(new GpuBindingPlugin().driverPlugin());
  }

  @Test
  void twoTasksOnAFourGpuExecutorAreBoundToTheirOwnGpus() {
    SimulatedCuda cuda = new SimulatedCuda(a100s(4), Optional.empty());
    GpuBindingPlugin.Executor plugin = new GpuBindingPlugin.Executor(Optional.of(cuda));
    plugin.init(executor(new String[] {"0", "1", "2", "3"}, cluster("1")), Map.of());
    startTask(plugin, 1, "2");
    startTask(plugin, 2, "0");
    assertEquals(List.of(2, 0), cuda.bound);
  }

  @Test
  void bindsThroughCudaVisibleDevices() {
    SimulatedCuda cuda = new SimulatedCuda(a100s(8), Optional.of("4,5"));
    GpuBindingPlugin.Executor plugin = new GpuBindingPlugin.Executor(Optional.of(cuda));
    plugin.init(executor(new String[] {"4", "5"}, cluster("1")), Map.of());
    startTask(plugin, 1, "5");
    startTask(plugin, 2, "4");
    assertEquals(List.of(1, 0), cuda.bound);
  }

  @Test
  void aHopperExecutorStopsAtInit() {
    SimulatedCuda cuda = new SimulatedCuda(List.of(new Gpu(0, "NVIDIA H100 80GB HBM3", 9, 0)), Optional.empty());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new GpuBindingPlugin.Executor(Optional.of(cuda)).init(executor(new String[] {"0"}, cluster("1")),
            Map.of()));
    assertTrue(e.getMessage().contains("cannot run on older GPUs nor on Hopper (9.0)"), e.getMessage());
  }

  @Test
  void anExecutorWithoutGpusStopsAtInit() {
    SimulatedCuda cuda = new SimulatedCuda(List.of(), Optional.empty());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new GpuBindingPlugin.Executor(Optional.of(cuda)).init(executor(null, cluster("1")), Map.of()));
    assertTrue(e.getMessage().startsWith("GPU build started without a GPU"), e.getMessage());
  }

  @Test
  void aGpuBuildExecutorThatSparkGaveNoGpuStopsAtInit() {
    // The machine has GPUs, but the submission asked for none: every task would share device 0.
    SimulatedCuda cuda = new SimulatedCuda(a100s(2), Optional.empty());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new GpuBindingPlugin.Executor(Optional.of(cuda)).init(executor(null, cluster(null)), Map.of()));
    assertEquals("executor 7: key 'spark.executor.resource.gpu.amount': expected at least 1 on the GPU build (with "
        + "spark.executor.resource.gpu.discoveryScript), found no GPU assigned", e.getMessage());
  }

  @Test
  void sharedGpusStopAtInit() {
    SimulatedCuda cuda = new SimulatedCuda(a100s(2), Optional.empty());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new GpuBindingPlugin.Executor(Optional.of(cuda)).init(executor(new String[] {"0", "1"}, cluster("0.5")),
            Map.of()));
    assertTrue(e.getMessage().contains("'spark.task.resource.gpu.amount': expected 1"), e.getMessage());
  }

  @Test
  void anExecutorAddressCudaCannotSeeStopsAtInit() {
    SimulatedCuda cuda = new SimulatedCuda(a100s(2), Optional.empty());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new GpuBindingPlugin.Executor(Optional.of(cuda)).init(executor(new String[] {"1", "2"}, cluster("1")),
            Map.of()));
    assertTrue(e.getMessage().contains("found address 2"), e.getMessage());
  }

  @Test
  void localRunsOfTheGpuBuildLeaveDevicesToNd4j() {
    SimulatedCuda cuda = new SimulatedCuda(a100s(1), Optional.empty());
    GpuBindingPlugin.Executor plugin = new GpuBindingPlugin.Executor(Optional.of(cuda));
    plugin.init(executor(null, new SparkConf(false).set("spark.master", "local[4]")), Map.of());
    startTask(plugin, 1);
    assertEquals(List.of(), cuda.bound);
  }
}
