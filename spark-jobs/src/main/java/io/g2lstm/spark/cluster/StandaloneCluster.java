package io.g2lstm.spark.cluster;

import io.g2lstm.common.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1: a master and one-core workers, each its own JVM, started from the build's
 * Spark runtime ({@code target/spark-lib}) instead of a Spark download. Jobs submitted to it run as they would on a
 * real cluster: executors in other JVMs, which get the application jar from the driver, not from our class path.
 *
 * <p>A worker launches executors with the class path it finds under {@code SPARK_HOME/jars}, so the cluster gets a
 * temporary Spark home whose {@code jars/} links to the spark-lib jars. Everything (logs, work and local
 * directories) lives under that directory, and {@link #close()} removes it.
 */
public final class StandaloneCluster implements AutoCloseable {

  /** What {@link #submit} saw: the driver's exit status and output, and the logs of the executors it got. */
  public record Submission(int exitCode, String output, List<Path> executorLogs) {}

  /** The memory of one executor (and so of one worker); the daemons themselves need little. */
  public static final String EXECUTOR_MEMORY = "1536m";

  private static final String DAEMON_MEMORY = "-Xmx256m";
  private static final String DRIVER_MEMORY = "-Xmx1g";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final int LOG_TAIL_LINES = 40;
  private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

  /** Spark on Java 17 needs these packages opened: the list of the parent pom, bin/g2lstm and deploy/. */
  static final List<String> ADD_OPENS = Stream.of("java.lang", "java.lang.invoke", "java.lang.reflect",
      "java.io", "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
      "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar")
      .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();

  private static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";

  /** Master, worker and executor logs: Spark's informative lines, without Hadoop's and Parquet's chatter. */
  static final String LOG4J2 = """
      rootLogger.level = info
      rootLogger.appenderRef.stderr.ref = console
      appender.console.type = Console
      appender.console.name = console
      appender.console.target = SYSTEM_ERR
      appender.console.layout.type = PatternLayout
      appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
      logger.jetty.name = org.sparkproject.jetty
      logger.jetty.level = warn
      logger.hadoop.name = org.apache.hadoop
      logger.hadoop.level = error
      logger.parquet.name = org.apache.parquet
      logger.parquet.level = error
      logger.sparkparquet.name = org.apache.spark.sql.execution.datasources.parquet
      logger.sparkparquet.level = warn
      """;

  private final Path appJar;
  private final Path home;
  private final String masterUrl;
  private final URI masterJson;
  private final Map<String, Process> daemons = new LinkedHashMap<>();
  private final List<Path> workerDirs = new ArrayList<>();
  private int submissions;

  private StandaloneCluster(Path appJar, Path home, int masterPort, int masterUiPort) {
    this.appJar = appJar;
    this.home = home;
    this.masterUrl = "spark://127.0.0.1:" + masterPort;
    this.masterJson = URI.create("http://127.0.0.1:" + masterUiPort + "/json/");
  }

  /**
   * Starts a master and {@code workers} workers and returns once all of them have registered.
   *
   * @param appJar the shaded application jar ({@code target/g2lstm-<version>.jar})
   * @param sparkLib the Spark runtime the build copies ({@code target/spark-lib})
   */
  public static StandaloneCluster start(Path appJar, Path sparkLib, int workers)
      throws IOException, InterruptedException {
    requireExists(appJar);
    requireExists(sparkLib);
    Path home = Files.createTempDirectory("g2lstm-standalone-");
    StandaloneCluster cluster = new StandaloneCluster(appJar.toAbsolutePath(), home, freePort(), freePort());
    try {
      cluster.layOutSparkHome(sparkLib.toAbsolutePath());
      cluster.startDaemons(workers);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The URL to submit to: {@code spark://127.0.0.1:<port>}. */
  public String masterUrl() {
    return masterUrl;
  }

  /**
   * Runs {@code io.g2lstm.cli.Main appArgs...} through {@code spark-submit} in client mode: the driver is a JVM of
   * its own, and asks for one one-core executor per worker. Adds the Java 17 options to the driver and the executors.
   * Throws if the driver does not finish within {@code timeout} (the message says why, from the logs).
   *
   * @param sparkConf further {@code --conf key=value} settings, such as {@code spark.default.parallelism=2};
   *     {@code spark.executor.extraJavaOptions} is added to the Java 17 options rather than replacing them
   */
  public Submission submit(List<String> appArgs, Map<String, String> sparkConf, Duration timeout)
      throws IOException, InterruptedException {
    Set<Path> executorsBefore = executorDirs();
    Path log = home.resolve("driver-" + ++submissions + ".log");
    List<String> command = new ArrayList<>(List.of(javaBinary(), DRIVER_MEMORY));
    command.addAll(ADD_OPENS);
    command.addAll(List.of("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.properties").toUri(),
        "-cp", appJar + ":" + home.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
        "--deploy-mode", "client", "--class", "io.g2lstm.cli.Main"));
    Map<String, String> settings = applicationSettings(workerDirs.size());
    settings.remove("spark.jars"); // spark-submit ships its application jar itself
    sparkConf.forEach((key, value) -> settings.merge(key, value, (ours, theirs) -> key.equals(EXECUTOR_JAVA_OPTIONS)
        ? ours + " " + theirs : theirs));
    settings.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
    command.add(appJar.toString());
    command.addAll(appArgs);

    Process driver = launch(command, log);
    boolean finished = false;
    try {
      finished = driver.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      stop(driver);
    }
    if (!finished) {
      throw new IllegalStateException("the driver did not finish within " + timeout + "\n" + diagnostics());
    }
    List<Path> executorLogs = executorDirs().stream().filter(d -> !executorsBefore.contains(d)).sorted()
        .map(d -> d.resolve("stderr")).toList();
    return new Submission(driver.exitValue(), Files.readString(log), executorLogs);
  }

  /**
   * The Spark settings of an application on this cluster with {@code executors} one-core executors, one per worker:
   * the master, the application jar for the executors, Spark's Java 17 options for them, one OpenMP thread each,
   * and no web UI. {@link #submit} passes them to spark-submit; a driver in this JVM opens its session with them.
   */
  public Map<String, String> applicationSettings(int executors) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.master", masterUrl);
    settings.put("spark.jars", appJar.toString());
    settings.put("spark.executor.cores", "1");
    settings.put("spark.cores.max", Integer.toString(executors));
    settings.put("spark.executor.memory", EXECUTOR_MEMORY);
    settings.put(EXECUTOR_JAVA_OPTIONS, String.join(" ", ADD_OPENS));
    settings.put("spark.executorEnv.OMP_NUM_THREADS", "1");
    settings.put("spark.ui.enabled", "false");
    return settings;
  }

  /**
   * Starts a cluster of {@code workers} workers from the application jar and the Spark runtime this JVM runs on, as
   * {@code bin/g2lstm} starts it: the jar holding this class and the directory of the jar holding Spark's classes.
   */
  public static StandaloneCluster startFromThisJvm(int workers) throws IOException, InterruptedException {
    Path appJar = codeSource(StandaloneCluster.class);
    Path sparkJar = codeSource(org.apache.spark.SparkConf.class);
    if (!appJar.toString().endsWith(".jar") || !sparkJar.toString().endsWith(".jar")) {
      throw new IllegalStateException("expected to run from the application jar and Spark's jars (bin/g2lstm), "
          + "found the classes in " + appJar + " and " + sparkJar);
    }
    return start(appJar, sparkJar.getParent(), workers);
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("locating the jar of " + type.getName(), e);
    }
  }

  /** The last lines of every log of the cluster (daemons, drivers, executors): for assertion messages. */
  public String diagnostics() {
    StringBuilder text = new StringBuilder("cluster logs under ").append(home).append(':');
    try (Stream<Path> files = Files.walk(home)) {
      for (Path file : files.filter(StandaloneCluster::isLog).sorted().toList()) {
        text.append("\n--- ").append(home.relativize(file)).append(" (last ").append(LOG_TAIL_LINES)
            .append(" lines) ---\n").append(tail(file));
      }
    } catch (IOException | UncheckedIOException e) {
      text.append("\n(could not read the logs: ").append(e).append(')');
    }
    return text.toString();
  }

  /** Stops every JVM of the cluster (and the executors the workers started), then deletes its directory. */
  @Override
  public void close() {
    List<Process> started = new ArrayList<>(daemons.values());
    daemons.clear();
    // Workers before the master, so that none is left trying to reconnect.
    for (int i = started.size() - 1; i >= 0; i--) {
      stop(started.get(i));
    }
    Directories.deleteTree(home);
  }

  private void layOutSparkHome(Path sparkLib) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    try (Stream<Path> libs = Files.list(sparkLib)) {
      for (Path lib : libs.filter(p -> p.toString().endsWith(".jar")).toList()) {
        Files.createSymbolicLink(jars.resolve(lib.getFileName()), lib);
      }
    }
    Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("log4j2.properties"), LOG4J2);
  }

  private void startDaemons(int workers) throws IOException, InterruptedException {
    String classPath = home.resolve("conf") + "/:" + home.resolve("jars") + "/*";
    daemons.put("master", launch(daemonCommand(classPath, "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", masterUrl.substring(masterUrl.lastIndexOf(':') + 1),
        "--webui-port", String.valueOf(masterJson.getPort())), home.resolve("master.log")));
    // A worker that finds no master retries only after 5 to 15 seconds: start them once the master answers.
    awaitAliveWorkers(0);
    for (int i = 1; i <= workers; i++) {
      Path workDir = Files.createDirectories(home.resolve("worker-" + i));
      workerDirs.add(workDir);
      daemons.put("worker-" + i, launch(daemonCommand(classPath, "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", "1", "--memory", EXECUTOR_MEMORY, "--work-dir", workDir.toString(),
          "--webui-port", "0", masterUrl), home.resolve("worker-" + i + ".log")));
    }
    awaitAliveWorkers(workers);
  }

  private List<String> daemonCommand(String classPath, String mainClass, String... args) {
    List<String> command = new ArrayList<>(List.of(javaBinary(), DAEMON_MEMORY));
    command.addAll(ADD_OPENS);
    command.addAll(List.of("-cp", classPath, mainClass));
    command.addAll(Arrays.asList(args));
    return command;
  }

  /** Starts a JVM of the cluster with its environment, its output going to {@code log}. */
  private Process launch(List<String> command, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .directory(home.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("SPARK_HOME", home.toString());
    // Without it the launcher looks for a Spark source build to learn the Scala version.
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", Files.createDirectories(home.resolve("local")).toString());
    env.put("OMP_NUM_THREADS", "1");
    return builder.start();
  }

  /** Waits until the master's web UI reports {@code workers} live workers (0: until it answers at all). */
  private void awaitAliveWorkers(int workers) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(masterJson).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    int alive = -1;
    while (System.nanoTime() < deadline) {
      for (Map.Entry<String, Process> daemon : daemons.entrySet()) {
        if (!daemon.getValue().isAlive()) {
          throw new IllegalStateException("the " + daemon.getKey() + " exited with status "
              + daemon.getValue().exitValue() + " while the cluster started\n" + diagnostics());
        }
      }
      try {
        Matcher m = ALIVE_WORKERS.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        alive = m.find() ? Integer.parseInt(m.group(1)) : -1;
        if (alive >= workers) {
          return;
        }
      } catch (IOException e) {
        // The master's web UI is not up yet.
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("expected the master to report " + workers + " live workers within "
        + STARTUP_TIMEOUT + ", found " + (alive < 0 ? "no answer" : alive) + "\n" + diagnostics());
  }

  /** The executor directories ({@code <worker dir>/<app id>/<executor id>}) of all workers. */
  private Set<Path> executorDirs() throws IOException {
    Set<Path> dirs = new HashSet<>();
    for (Path worker : workerDirs) {
      try (Stream<Path> found = Files.find(worker, 2, (p, a) -> a.isDirectory() && worker.relativize(p)
          .getNameCount() == 2)) {
        found.forEach(dirs::add);
      }
    }
    return dirs;
  }

  /** Asks a JVM and its children (a worker's executors) to stop, and kills what is still running after a while. */
  static void stop(Process process) {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (ProcessHandle handle : all) {
      try {
        handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        handle.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handle.destroyForcibly();
      }
    }
  }

  static boolean isLog(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".log") || name.equals("stderr") || name.equals("stdout");
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void requireExists(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalStateException("expected " + path + " (built by 'mvn package' in spark-jobs), found nothing");
    }
  }
}
