package io.g2lstm.spark;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.spark.gpu.CudaBackend;
import io.g2lstm.spark.gpu.GpuBindingPlugin;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;

/**
 * Opens the Spark session of a job. Under {@code spark-submit} the master and resources come from the submission;
 * run directly (through {@code bin/g2lstm}) a job uses {@code --master}, else {@code local[*]}. Every job gets
 * {@link GpuBindingPlugin}, which does nothing on the CPU build.
 */
public final class SparkSessions {

  private static final String PLUGINS = "spark.plugins";
  private static final String BAD_MASTER = "Could not parse Master URL";

  private SparkSessions() {}

  public static SparkSession open(String job, Optional<String> master) {
    return open(job, master, Map.of());
  }

  /** As {@link #open(String, Optional)}, with {@code settings} over those of the submission. */
  public static SparkSession open(String job, Optional<String> master, Map<String, String> settings) {
    // The GPU build stops here, before Spark or ND4J start, when the driver has no GPU the backend can run on.
    CudaBackend.requireUsableGpus();
    SparkConf conf = withGpuBinding(new SparkConf().setAppName("g2lstm " + job));
    settings.forEach(conf::set);
    if (master.isPresent()) {
      conf.setMaster(master.get());
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    // Parameter averaging broadcasts the parameters and optimizer state every round: float noise to LZ4, which
    // spends time on some hundred megabytes a round and saves little.
    conf.setIfMissing("spark.broadcast.compress", "false");
    // Each worker's result is its replica's parameters and optimizer state (87 MB for a 7.3M-parameter model). Past
    // spark.task.maxDirectResultSize (1 MB by default) Spark parks a result in the executor's block manager and the
    // driver fetches it back, each a further copy on the heap: two workers of that model in local mode ran out of a
    // 1 GB heap. Sent directly (Spark caps this at spark.rpc.message.maxSize, 128 MB by default) they did not.
    conf.setIfMissing("spark.task.maxDirectResultSize", "128m");
    if (conf.get("spark.master").startsWith("local")) {
      // Small local runs: no web UI to bind, and few shuffle partitions.
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.sql.shuffle.partitions", "4");
    }
    try {
      return SparkSession.builder().config(conf).getOrCreate();
    } catch (Exception e) {
      // Spark throws its checked SparkException undeclared
      if (e instanceof SparkException && e.getMessage() != null && e.getMessage().startsWith(BAD_MASTER)) {
        throw new ConfigurationException((master.isPresent() ? "option --master" : "spark.master")
            + ": expected a Spark master URL (local[N], spark://HOST:PORT, yarn, k8s://URL), found '"
            + conf.get("spark.master") + "'", e);
      }
      if (e instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new IllegalStateException("starting Spark: " + e.getMessage(), e);
    }
  }

  /**
   * The Hadoop configuration a job's session would have (the {@code spark.hadoop.*} settings of the submission
   * included), without starting Spark: what {@code --check} looks at the file systems through.
   */
  public static Configuration hadoopConfiguration() {
    return SparkHadoopUtil.get().newConfiguration(new SparkConf());
  }

  /** Adds {@link GpuBindingPlugin} to {@code spark.plugins}, after any plugins the submission names. */
  static SparkConf withGpuBinding(SparkConf conf) {
    String plugin = GpuBindingPlugin.class.getName();
    String plugins = conf.get(PLUGINS, "").strip();
    if (Arrays.stream(plugins.split(",")).map(String::strip).noneMatch(plugin::equals)) {
      conf.set(PLUGINS, plugins.isEmpty() ? plugin : plugins + "," + plugin);
    }
    return conf;
  }
}
