package io.g2lstm.common.fs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.common.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A process, as a job records it in what it leaves while it works (a staging directory's owner file, a scratch
 * directory's name): its host, its pid and when it started. A later job may remove such leftovers only when it can
 * prove their process is gone: same host, and no live process with that pid and start time.
 *
 * <p>The start time must not change while the process lives. Java's {@code ProcessHandle.Info.startInstant} does:
 * on Linux it is the boot time that the kernel derives from the wall clock, plus the process's start, so a clock
 * step (a virtual machine paused and resumed, NTP) moves it, and every live process then looked ended: a cleanup
 * removed the scratch directories of running training jobs. Where {@code /proc} exists the start is therefore the
 * kernel's own count of clock ticks from boot to the process's start ({@code /proc/<pid>/stat}, field 22).
 *
 * @param host the host name
 * @param pid the process id on that host
 * @param startTime when the process started, so a reused pid is not taken for it: clock ticks since boot where
 *     {@code /proc} exists, else epoch milliseconds
 */
public record ProcessIdentity(String host, long pid, long startTime) {

  private static final ProcessIdentity CURRENT = of(ProcessHandle.current());

  /** This process. */
  public static ProcessIdentity current() {
    return CURRENT;
  }

  /** The identity of a process of this host. */
  static ProcessIdentity of(ProcessHandle process) {
    return new ProcessIdentity(hostName(), process.pid(), startTime(process).orElse(0L));
  }

  private static Optional<Long> startTime(ProcessHandle process) {
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    if (Files.isDirectory(Path.of("/proc", "self"))) {
      try {
        return Optional.of(startTicks(Files.readString(stat)));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
    return process.info().startInstant().map(Instant::toEpochMilli);
  }

  /** Field 22 of a {@code /proc/<pid>/stat} line, counted after the command name (which may hold spaces). */
  static long startTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
    return Long.parseLong(fields[19]);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** Whether this is provably a process of this host that has ended. */
  public boolean endedOnThisHost() {
    if (!host.equals(CURRENT.host)) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    return process.isEmpty() || !process.get().isAlive()
        || startTime(process.get()).map(start -> start != startTime).orElse(false);
  }

  /** The identity as JSON, with {@code extra} fields first. */
  public String toJson(Map<String, Object> extra) {
    Map<String, Object> json = new LinkedHashMap<>(extra);
    json.put("host", host);
    json.put("pid", pid);
    json.put("start_time", startTime);
    return Json.write(json);
  }

  /** Reads {@link #toJson}'s output; empty when the text is not such a record. */
  public static Optional<Config> parse(String json) {
    try {
      Config config = ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
      return config.hasPath("host") && config.hasPath("pid") && config.hasPath("start_time")
          ? Optional.of(config) : Optional.empty();
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  /** The identity in a record read by {@link #parse}. */
  public static ProcessIdentity from(Config record) {
    return new ProcessIdentity(record.getString("host"), record.getLong("pid"), record.getLong("start_time"));
  }
}
