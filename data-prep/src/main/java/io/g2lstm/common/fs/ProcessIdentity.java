package io.g2lstm.common.fs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.common.Json;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A process, as a job records it in what it leaves while it works (a staging directory's owner file, a scratch
 * directory's name): its host, its pid and when it started. A later job may remove such leftovers only when it can
 * prove their process is gone: same host, and no live process with that pid and start time.
 *
 * @param host the host name
 * @param pid the process id on that host
 * @param startMillis when the process started (epoch milliseconds), so a reused pid is not taken for it
 */
public record ProcessIdentity(String host, long pid, long startMillis) {

  private static final ProcessIdentity CURRENT = of(ProcessHandle.current());

  /** This process. */
  public static ProcessIdentity current() {
    return CURRENT;
  }

  private static ProcessIdentity of(ProcessHandle process) {
    return new ProcessIdentity(hostName(), process.pid(), startMillis(process).orElse(0L));
  }

  private static Optional<Long> startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli);
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
        || startMillis(process.get()).map(start -> start != startMillis).orElse(false);
  }

  /** The identity as JSON, with {@code extra} fields first. */
  public String toJson(Map<String, Object> extra) {
    Map<String, Object> json = new LinkedHashMap<>(extra);
    json.put("host", host);
    json.put("pid", pid);
    json.put("start_millis", startMillis);
    return Json.write(json);
  }

  /** Reads {@link #toJson}'s output; empty when the text is not such a record. */
  public static Optional<Config> parse(String json) {
    try {
      Config config = ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
      return config.hasPath("host") && config.hasPath("pid") && config.hasPath("start_millis")
          ? Optional.of(config) : Optional.empty();
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  /** The identity in a record read by {@link #parse}. */
  public static ProcessIdentity from(Config record) {
    return new ProcessIdentity(record.getString("host"), record.getLong("pid"), record.getLong("start_millis"));
  }
}
