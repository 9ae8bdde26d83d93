package io.g2lstm.spark.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A YARN and an HDFS of Hadoop's own jars in this JVM ({@code hadoop-client-minicluster}): a ResourceManager and one
 * NodeManager (MiniYARNCluster; one queue of the capacity scheduler, room for an ApplicationMaster and two executors)
 * and a NameNode with one DataNode (MiniDFSCluster), HDFS the default file system. Writes the client configuration
 * ({@code yarn-site.xml}, {@code core-site.xml}) to the directory of its argument, prints {@value #READY} and the HDFS
 * URI, and runs until its standard input ends. {@link YarnCluster} starts it in a JVM of its own, so that Hadoop's
 * server classes stay off the class path of the jobs it runs.
 */
public final class MiniYarn {

  /** The line printed once the configuration is written. */
  static final String READY = "mini-yarn ready";

  private MiniYarn() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path configurationDirectory = Files.createDirectories(Path.of(args[0]));
    YarnConfiguration conf = new YarnConfiguration();
    conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
    // The capacity scheduler with one queue (its configuration file is not among Hadoop's client jars).
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
    conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
    conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
    conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
    conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
    // MiniYARNCluster gives its NodeManagers the memory of this setting (4 GiB by default), not of NM_PMEM_MB.
    conf.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, 8192);
    conf.setInt(YarnConfiguration.NM_VCORES, 8);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    // The containers' memory is ND4J's native arrays as much as heap: no killing by physical or virtual size.
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // A full build disk must not mark the only node unhealthy.
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.9f);
    MiniDFSCluster hdfs = new MiniDFSCluster.Builder(new Configuration()).numDataNodes(1).build();
    hdfs.waitActive();
    String defaultFs = hdfs.getFileSystem().getUri().toString();
    conf.set("fs.defaultFS", defaultFs);
    MiniYARNCluster cluster = new MiniYARNCluster("g2lstm", 1, 1, 1);
    cluster.init(conf);
    cluster.start();
    try {
      Configuration started = cluster.getConfig();
      try (OutputStream out = Files.newOutputStream(configurationDirectory.resolve("yarn-site.xml"))) {
        started.writeXml(out);
      }
      Files.writeString(configurationDirectory.resolve("core-site.xml"), "<configuration>\n  <property><name>"
          + "fs.defaultFS</name><value>" + defaultFs + "</value></property>\n</configuration>\n");
      System.out.println(READY + " " + defaultFs);
      System.out.flush();
      while (System.in.read() >= 0) {
        // Runs until the test closes the pipe (or dies).
      }
    } finally {
      cluster.stop();
      hdfs.shutdown();
    }
  }
}
