package io.g2lstm.spark.gpu;

import io.g2lstm.common.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.resource.ResourceInformation;

/**
 * Which CUDA device, as ND4J numbers the devices of this process, a Spark GPU address is.
 *
 * <p>Spark gives each task the addresses that the executor's discovery script reported; g2lstm's script
 * ({@code deploy/getGpusResources.sh}, like Spark's example) prints nvidia-smi indices. nvidia-smi ignores
 * {@code CUDA_VISIBLE_DEVICES} and numbers every GPU the container can reach, while the CUDA runtime, and so ND4J,
 * numbers only the devices {@code CUDA_VISIBLE_DEVICES} lists, in its order. So where the variable is set, address
 * {@code a} is the position of {@code a} in that list; where it is not, the address is the device. Resource managers
 * that isolate GPUs usually hide the others from the container instead (then nvidia-smi lists 0..n-1 and the variable
 * is unset), which the second rule covers. The two numberings share an order only under
 * {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}, nvidia-smi's order; {@code deploy/spark-gpu.conf} sets it for executors.
 *
 * <p>An address that names no usable device is an error rather than a fall-back to device 0: a wrong guess is how
 * two tasks end up sharing one GPU.
 *
 * @param visibleDevices the number of CUDA devices this process sees (ND4J's count)
 * @param cudaVisibleDevices the executor's {@code CUDA_VISIBLE_DEVICES}, where set
 */
public record GpuAssignment(int visibleDevices, Optional<String> cudaVisibleDevices) {

  /** Spark's name for the resource. */
  public static final String RESOURCE = "gpu";
  public static final String TASK_AMOUNT = "spark.task.resource.gpu.amount";
  public static final String EXECUTOR_AMOUNT = "spark.executor.resource.gpu.amount";
  public static final String DISCOVERY_SCRIPT = "spark.executor.resource.gpu.discoveryScript";

  private static final String WHERE = "GPU binding";

  /**
   * The device to bind a task to, from its resources ({@code TaskContext.get().resourcesJMap()}); empty when the
   * task got no GPU, as on CPU runs.
   */
  public Optional<Integer> deviceFor(Map<String, ResourceInformation> taskResources) {
    ResourceInformation gpus = taskResources.get(RESOURCE);
    if (gpus == null) {
      return Optional.empty();
    }
    String[] addresses = gpus.addresses();
    if (addresses.length != 1) {
      throw new ConfigurationException(WHERE + ": expected one GPU address per task (" + TASK_AMOUNT
          + "=1), found " + addresses.length + ": " + Arrays.toString(addresses));
    }
    return Optional.of(device(addresses[0]));
  }

  /** The devices of all of an executor's GPU addresses: checks up front what each task will be bound to. */
  public List<Integer> devices(ResourceInformation executorGpus) {
    List<Integer> devices = new ArrayList<>();
    for (String address : executorGpus.addresses()) {
      devices.add(device(address));
    }
    return devices;
  }

  /** The device of one Spark GPU address. */
  public int device(String address) {
    int index = index(address);
    int device = cudaVisibleDevices.isPresent() ? position(index, cudaVisibleDevices.get()) : index;
    if (device >= visibleDevices) {
      throw new ConfigurationException(WHERE + ": expected a GPU address naming one of the " + visibleDevices
          + " CUDA device(s) this executor sees, found address " + address
          + cudaVisibleDevices.map(list -> " (device " + device + " under CUDA_VISIBLE_DEVICES=" + list + ")")
              .orElse("")
          + "; check " + DISCOVERY_SCRIPT + " and " + TASK_AMOUNT);
    }
    return device;
  }

  /**
   * Each task must get one whole GPU: a fraction lets Spark run several tasks on one device, and more than one is a
   * GPU a task would not use (a model replica runs on one device).
   */
  public static void requireOneGpuPerTask(Optional<String> taskAmount) {
    if (taskAmount.map(String::strip).filter(GpuAssignment::isOne).isEmpty()) {
      throw ConfigurationException.of("Spark configuration", TASK_AMOUNT,
          "1 (one whole GPU per task, so that no two tasks share a device)", taskAmount.orElse("nothing"));
    }
  }

  private static boolean isOne(String amount) {
    try {
      return Double.parseDouble(amount) == 1.0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int index(String address) {
    try {
      int index = Integer.parseInt(address.strip());
      if (index >= 0) {
        return index;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException(WHERE + ": expected GPU addresses that are device indices (0, 1, ...) as "
        + DISCOVERY_SCRIPT + " prints them, found '" + address + "'");
  }

  private static int position(int index, String cudaVisibleDevices) {
    String[] entries = cudaVisibleDevices.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      if (entries[i].strip().equals(Integer.toString(index))) {
        return i;
      }
    }
    throw new ConfigurationException(WHERE + ": expected GPU address " + index + " among CUDA_VISIBLE_DEVICES="
        + cudaVisibleDevices + " (the discovery script prints nvidia-smi indices), found it missing; check "
        + DISCOVERY_SCRIPT);
  }
}
