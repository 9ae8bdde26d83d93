package io.g2lstm.spark.cluster;

import io.g2lstm.common.Directories;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A YARN and an HDFS on this machine ({@link MiniYarn}, a JVM of its own started from the test class path) and
 * spark-submit against them as a user runs it: {@code --master yarn} in client or cluster deploy mode,
 * {@code deploy/spark-defaults.conf} as the properties file, the configuration file shipped with {@code --files}.
 * Spark's jars are the build's Spark runtime ({@code target/spark-lib}) and {@code spark-yarn}
 * ({@code target/yarn-lib}), which the containers find where they are ({@code spark.yarn.jars} of {@code local:}
 * paths); the application jar goes through HDFS, the default file system, as usual. {@link #close()} stops YARN and
 * HDFS and removes their directory.
 */
final class YarnCluster implements AutoCloseable {

  /**
   * What a submission did: spark-submit's exit status and output, its driver's output, and the standard error of
   * each executor container of the application.
   */
  record Submission(int exitCode, String submitOutput, String driverOutput, List<String> executorLogs) {}

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final Pattern APPLICATION_ID = Pattern.compile("application_\\d+_\\d+");
  private static final Pattern READY = Pattern.compile(Pattern.quote(MiniYarn.READY) + " (\\S+)");

  private final Path appJar;
  private final Path home;
  private final Path configuration;
  private final String sparkJars;
  private final String classPath;
  private final Process yarn;
  private URI hdfs;
  private int submissions;

  private YarnCluster(Path appJar, Path home, String sparkJars, String classPath, Process yarn) {
    this.appJar = appJar;
    this.home = home;
    this.configuration = home.resolve("hadoop-conf");
    this.sparkJars = sparkJars;
    this.classPath = classPath;
    this.yarn = yarn;
  }

  /**
   * Starts YARN and returns once its client configuration is written.
   *
   * @param sparkLib the Spark runtime the build copies ({@code target/spark-lib})
   * @param yarnLib {@code spark-yarn}, which the build copies apart ({@code target/yarn-lib})
   * @param miniYarnLib what MiniYARNCluster needs beside the test class path ({@code target/mini-yarn-lib})
   */
  static YarnCluster start(Path appJar, Path sparkLib, Path yarnLib, Path miniYarnLib)
      throws IOException, InterruptedException {
    for (Path built : List.of(appJar, sparkLib, yarnLib, miniYarnLib)) {
      StandaloneCluster.requireExists(built);
    }
    Path home = Files.createTempDirectory("g2lstm-yarn-");
    List<String> command = new ArrayList<>(List.of(StandaloneCluster.javaBinary(), "-Xmx768m"));
    command.addAll(StandaloneCluster.ADD_OPENS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path") + ":" + miniYarnLib.toAbsolutePath() + "/*",
        MiniYarn.class.getName(),
        home.resolve("hadoop-conf").toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process yarn = builder.start();
    String jars = "local:" + sparkLib.toAbsolutePath() + "/*,local:" + yarnLib.toAbsolutePath() + "/*";
    String classPath = home.resolve("hadoop-conf") + ":" + sparkLib.toAbsolutePath() + "/*:"
        + yarnLib.toAbsolutePath() + "/*";
    YarnCluster cluster = new YarnCluster(appJar.toAbsolutePath(), home, jars, classPath, yarn);
    try {
      cluster.awaitReady();
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Copies YARN's output to its log until it says it is ready; the rest of its output goes on being copied. */
  private void awaitReady() throws IOException, InterruptedException {
    Path log = home.resolve("yarn.log");
    BufferedReader lines = new BufferedReader(new InputStreamReader(yarn.getInputStream(), StandardCharsets.UTF_8));
    Thread copier = new Thread(() -> {
      try {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND);
        }
      } catch (IOException e) {
        // YARN stopped.
      }
    }, "mini-yarn-log");
    copier.setDaemon(true);
    copier.start();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!yarn.isAlive()) {
        throw new IllegalStateException("YARN exited with status " + yarn.exitValue() + " while starting\n"
            + diagnostics());
      }
      Matcher ready = Files.exists(log) ? READY.matcher(Files.readString(log)) : null;
      if (ready != null && ready.find()) {
        hdfs = URI.create(ready.group(1));
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("expected YARN to start within " + STARTUP_TIMEOUT + "\n" + diagnostics());
  }

  /** The HDFS it started beside YARN: {@code hdfs://localhost:<port>}. */
  URI hdfs() {
    return hdfs;
  }

  /**
   * Runs {@code spark-submit --master yarn --deploy-mode MODE ... io.g2lstm.cli.Main appArgs...} with two one-core
   * executors and waits for it. In cluster mode spark-submit waits for the application, and the driver's output is
   * read from its container's log.
   *
   * @param files what {@code --files} ships (in cluster mode the driver finds them by base name)
   */
  Submission submit(String deployMode, List<Path> files, List<String> appArgs, Map<String, String> sparkConf,
      Duration timeout) throws IOException, InterruptedException {
    Path log = home.resolve("submit-" + ++submissions + "-" + appArgs.get(0) + "-" + deployMode + ".log");
    List<String> command = new ArrayList<>(List.of(StandaloneCluster.javaBinary(), "-Xmx1g"));
    command.addAll(StandaloneCluster.ADD_OPENS);
    command.addAll(List.of("-Dlog4j2.configurationFile=" + log4j().toUri(), "-cp", classPath,
        "org.apache.spark.deploy.SparkSubmit", "--master", "yarn", "--deploy-mode", deployMode,
        "--class", "io.g2lstm.cli.Main",
        "--properties-file", Path.of("..", "deploy", "spark-defaults.conf").toAbsolutePath().normalize().toString(),
        "--num-executors", "2", "--executor-cores", "1", "--driver-memory", "1g",
        "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.memoryOverhead=768m",
        "--conf", "spark.yarn.am.memory=512m",
        "--conf", "spark.yarn.jars=" + sparkJars,
        "--conf", "spark.yarn.maxAppAttempts=1",
        // The driver's web UI would need YARN's proxy filter, which is not among Hadoop's client jars.
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executorEnv.OMP_NUM_THREADS=1"));
    sparkConf.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
    if (!files.isEmpty()) {
      command.addAll(List.of("--files", String.join(",", files.stream().map(Path::toString).toList())));
    }
    command.add(appJar.toString());
    command.addAll(appArgs);
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("HADOOP_CONF_DIR", configuration.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process submit = builder.start();
    boolean finished = false;
    try {
      finished = submit.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      StandaloneCluster.stop(submit);
    }
    String output = Files.readString(log);
    if (!finished) {
      throw new IllegalStateException("spark-submit did not finish within " + timeout + "\n" + diagnostics());
    }
    Matcher id = APPLICATION_ID.matcher(output);
    String application = id.find() ? id.group().substring("application_".length()) : "none";
    String amContainer = "container_" + application + "_01_000001";
    String driverOutput = output;
    List<String> executorLogs = new ArrayList<>();
    try (Stream<Path> logs = Files.walk(home)) {
      for (Path file : logs.filter(p -> p.getParent().getFileName().toString().startsWith("container_"
          + application + "_")).sorted().toList()) {
        String container = file.getParent().getFileName().toString();
        String name = file.getFileName().toString();
        if (container.equals(amContainer) && name.equals("stdout") && deployMode.equals("cluster")) {
          driverOutput = Files.readString(file);
        } else if (!container.equals(amContainer) && name.equals("stderr")) {
          executorLogs.add(Files.readString(file));
        }
      }
    }
    return new Submission(submit.exitValue(), output, driverOutput, executorLogs);
  }

  /** Spark's informative lines, without Hadoop's chatter: the standalone cluster's logging. */
  private Path log4j() throws IOException {
    Path file = home.resolve("log4j2.properties");
    if (!Files.exists(file)) {
      Files.writeString(file, StandaloneCluster.LOG4J2);
    }
    return file;
  }

  /** The last lines of every log under YARN's directory (its own, submissions', containers'). */
  String diagnostics() {
    StringBuilder text = new StringBuilder("YARN logs under ").append(home).append(':');
    try (Stream<Path> files = Files.walk(home)) {
      for (Path file : files.filter(p -> Files.isRegularFile(p) && StandaloneCluster.isLog(p)).sorted().toList()) {
        text.append("\n--- ").append(home.relativize(file)).append(" ---\n").append(StandaloneCluster.tail(file));
      }
    } catch (IOException | UncheckedIOException e) {
      text.append("\n(could not read the logs: ").append(e).append(')');
    }
    return text.toString();
  }

  @Override
  public void close() {
    try {
      yarn.getOutputStream().close();
      if (!yarn.waitFor(30, TimeUnit.SECONDS)) {
        StandaloneCluster.stop(yarn);
      }
    } catch (IOException e) {
      StandaloneCluster.stop(yarn);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      StandaloneCluster.stop(yarn);
    }
    Directories.deleteTree(home);
  }
}
