package io.g2lstm.spark.gpu;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.spark.gpu.NvidiaSmi.Gpu;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds each task's thread to the GPU Spark assigned the task, before the task builds its model replica.
 *
 * <p>ND4J's CUDA backend picks a thread's device without regard to Spark's assignment (CUDA's current device, 0
 * unless set), and deeplearning4j-spark does not bind either: without this plugin tasks of a multi-GPU executor would
 * share a GPU. Spark calls {@link ExecutorPlugin#onTaskStart()} on the task's own thread, with
 * {@link TaskContext#get()} set, before the task body: the place to bind. Executor threads are pooled, so every task
 * binds, not every thread once.
 *
 * <p>Spark only logs (at INFO) what {@code onTaskStart} throws and runs the task anyway, so the executor checks at
 * {@code init}, where an exception stops it with its message, everything the binding needs: GPUs the backend can run
 * on, usable addresses, and one whole GPU per task.
 *
 * <p>On the CPU build both hooks do nothing, and ND4J is not touched. {@code SparkSessions.open} names this plugin in
 * {@code spark.plugins}; the driver side has nothing to do, since the driver checks its own GPUs there.
 */
public final class GpuBindingPlugin implements SparkPlugin {

  private static final Logger LOG = LoggerFactory.getLogger(GpuBindingPlugin.class);

  @Override
  public DriverPlugin driverPlugin() {
    return null;
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new Executor(CudaBackend.isPresent() ? Optional.of(new Nd4jCuda()) : Optional.empty());
  }

  /** What the executor side needs of CUDA; tests simulate it. */
  interface Cuda {

    /** See {@link CudaBackend#requireUsableGpus()}. */
    List<Gpu> requireUsableGpus();

    /** The number of CUDA devices this process sees. */
    int deviceCount();

    /** The process's {@code CUDA_VISIBLE_DEVICES}, where set. */
    Optional<String> cudaVisibleDevices();

    /** Makes {@code device} the current thread's device. */
    void bind(int device);
  }

  /** The executor side: checks at start-up, binds at each task start. */
  static final class Executor implements ExecutorPlugin {

    private final Optional<Cuda> cuda;
    // Set by init when tasks get GPUs to bind; read by the task threads started afterwards.
    private volatile GpuAssignment assignment;

    /** {@code cuda} is empty on the CPU build. */
    Executor(Optional<Cuda> cuda) {
      this.cuda = cuda;
    }

    @Override
    public void init(PluginContext context, Map<String, String> extraConf) {
      if (cuda.isEmpty()) {
        return;
      }
      List<Gpu> gpus = cuda.get().requireUsableGpus();
      ResourceInformation executorGpus = context.resources().get(GpuAssignment.RESOURCE);
      SparkConf conf = context.conf();
      if (executorGpus == null) {
        if (conf.get("spark.master", "").startsWith("local")) {
          // Local runs have no resource scheduling: ND4J places threads itself, as without Spark.
          return;
        }
        throw ConfigurationException.of("executor " + context.executorID(), GpuAssignment.EXECUTOR_AMOUNT,
            "at least 1 on the GPU build (with " + GpuAssignment.DISCOVERY_SCRIPT + ")", "no GPU assigned");
      }
      GpuAssignment.requireOneGpuPerTask(conf.contains(GpuAssignment.TASK_AMOUNT)
          ? Optional.of(conf.get(GpuAssignment.TASK_AMOUNT)) : Optional.empty());
      GpuAssignment candidate = new GpuAssignment(cuda.get().deviceCount(), cuda.get().cudaVisibleDevices());
      List<Integer> devices = candidate.devices(executorGpus);
      LOG.info("Executor {}: GPUs {} (CUDA devices {}) for one task each; nvidia-smi: {}", context.executorID(),
          List.of(executorGpus.addresses()), devices, gpus.stream().map(Gpu::describe).toList());
      assignment = candidate;
    }

    @Override
    public void onTaskStart() {
      GpuAssignment current = assignment;
      if (current == null) {
        return;
      }
      try {
        current.deviceFor(TaskContext.get().resourcesJMap()).ifPresent(cuda.get()::bind);
      } catch (RuntimeException e) {
        // Spark logs this at INFO only and runs the task on whatever device the thread had.
        LOG.error("Task {}: cannot bind it to its GPU", TaskContext.get().taskAttemptId(), e);
        throw e;
      }
    }
  }

  /** The real thing: nvidia-smi and ND4J's affinity manager. */
  private static final class Nd4jCuda implements Cuda {

    @Override
    public List<Gpu> requireUsableGpus() {
      return CudaBackend.requireUsableGpus();
    }

    @Override
    public int deviceCount() {
      return Nd4j.getAffinityManager().getNumberOfDevices();
    }

    @Override
    public Optional<String> cudaVisibleDevices() {
      return Optional.ofNullable(System.getenv("CUDA_VISIBLE_DEVICES"));
    }

    @Override
    public void bind(int device) {
      AffinityManager affinity = Nd4j.getAffinityManager();
      if (affinity.getDeviceForCurrentThread() != device) {
        // A pooled thread may have run another GPU's task: its workspaces hold memory on that device.
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        affinity.unsafeSetDevice(device);
      }
    }
  }
}
