package io.g2lstm.common.fs;

import io.g2lstm.common.Directories;
import io.g2lstm.common.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one local directory for this process's temporary copies (prepared-data assets, checkpoints fetched from HDFS
 * or broadcast to executors): {@code <root>/process-<host>-<pid>-<start>/}, removed when the JVM exits. The root is
 * the setting {@code scratch.directory}, else {@code $G2LSTM_SCRATCH}, else {@code <java.io.tmpdir>/g2lstm-<user>}.
 * A process killed before it could clean up leaves its directory behind; the next process that uses the same root
 * removes the directories of processes of this host that have ended (see {@link ProcessIdentity}), and nothing else.
 */
public final class Scratch {

  private static final Pattern PROCESS = Pattern.compile("process-(.+)-(\\d+)-(\\d+)");
  private static Path root = defaultRoot();
  private static Path processDirectory;

  private Scratch() {}

  private static Path defaultRoot() {
    String environment = System.getenv("G2LSTM_SCRATCH");
    if (environment != null && !environment.isBlank()) {
      return Path.of(environment);
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "g2lstm-" + System.getProperty("user.name", "user"));
  }

  /** Sets the root from {@code scratch.directory} (blank: the default); must come before the first copy. */
  public static synchronized void use(String directory) {
    Path chosen = directory.isBlank() ? defaultRoot() : Path.of(directory);
    if (processDirectory != null && !chosen.toAbsolutePath().equals(root.toAbsolutePath())) {
      throw new IllegalStateException("scratch directory chosen after use: " + chosen + " after " + root);
    }
    root = chosen;
  }

  /** The root in use. */
  public static synchronized Path root() {
    return root;
  }

  /** A new, empty directory {@code <prefix><uuid>} under this process's scratch directory. */
  public static Path newDirectory(String prefix) {
    try {
      return Files.createDirectory(processDirectory().resolve(prefix + UUID.randomUUID()));
    } catch (IOException e) {
      throw new UncheckedIOException("creating a scratch directory under " + root(), e);
    }
  }

  private static synchronized Path processDirectory() throws IOException {
    if (processDirectory == null) {
      ProcessIdentity self = ProcessIdentity.current();
      Files.createDirectories(root);
      removeEndedProcesses(root);
      Path directory = root.resolve(name(self));
      Files.createDirectories(directory);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteTree(directory),
          "g2lstm-scratch-cleanup"));
      processDirectory = directory;
    }
    return processDirectory;
  }

  static String name(ProcessIdentity process) {
    return "process-" + Names.escaped(process.host()) + "-" + process.pid() + "-" + process.startMillis();
  }

  private static void removeEndedProcesses(Path root) throws IOException {
    List<Path> entries;
    try (Stream<Path> listing = Files.list(root)) {
      entries = listing.toList();
    }
    String host = Names.escaped(ProcessIdentity.current().host());
    for (Path entry : entries) {
      Matcher m = PROCESS.matcher(entry.getFileName().toString());
      if (m.matches() && m.group(1).equals(host) && Files.isDirectory(entry)) {
        ProcessIdentity owner = new ProcessIdentity(ProcessIdentity.current().host(), Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)));
        if (owner.endedOnThisHost()) {
          try {
            Directories.deleteTree(entry);
          } catch (UncheckedIOException e) {
            // another process is removing it too
          }
        }
      }
    }
  }
}
