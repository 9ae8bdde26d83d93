package io.g2lstm.spark.gpu;

import io.g2lstm.common.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GPUs nvidia-smi reports, with their compute capability. nvidia-smi needs no CUDA runtime and no ND4J, so it can
 * be asked before ND4J loads its native library, which is the point: see {@link CudaBackend}.
 */
public final class NvidiaSmi {

  /** The query. A driver too old to know {@code compute_cap} fails it; the error then shows what it said. */
  public static final List<String> COMMAND =
      List.of("nvidia-smi", "--query-gpu=index,name,compute_cap", "--format=csv,noheader");

  // "<index>, <name>, <major>.<minor>"; the name may itself hold commas.
  private static final Pattern LINE = Pattern.compile("(\\d+),\\s*(.+),\\s*(\\d+)\\.(\\d+)");

  private NvidiaSmi() {}

  /** One GPU as nvidia-smi numbers and names it, and its compute capability {@code major.minor}. */
  public record Gpu(int index, String name, int major, int minor) {

    /** Whether the capability is at least {@code major.minor}. */
    public boolean atLeast(int major, int minor) {
      return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** "GPU 0 (NVIDIA A100-SXM4-40GB, compute capability 8.0)". */
    public String describe() {
      return "GPU " + index + " (" + name + ", compute capability " + major + "." + minor + ")";
    }
  }

  /** Parses the output of {@link #COMMAND}: one line per GPU, none when there is no GPU. */
  public static List<Gpu> parse(String output) {
    List<Gpu> gpus = new ArrayList<>();
    for (String line : output.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        throw new ConfigurationException(String.join(" ", COMMAND)
            + ": expected lines '<index>, <name>, <major>.<minor>', found '" + line.strip() + "'");
      }
      gpus.add(new Gpu(Integer.parseInt(m.group(1)), m.group(2).strip(), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4))));
    }
    return gpus;
  }
}
