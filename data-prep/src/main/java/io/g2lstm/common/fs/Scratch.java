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
 * The one local directory for a process's temporary copies (prepared-data assets, checkpoints fetched from HDFS or
 * broadcast to executors): {@code <root>/process-<host>-<pid>-<start>/}, removed when the JVM exits. The root is the
 * setting {@code scratch.directory}, else {@code $G2LSTM_SCRATCH}, else {@code <java.io.tmpdir>/g2lstm-<user>}.
 * A process killed before it could clean up leaves its directory behind; the next process that uses the same root
 * removes the directories of processes of this host that have ended (see {@link ProcessIdentity}), and nothing else.
 */
public final class Scratch {

  private static final Pattern PROCESS = Pattern.compile("process-(.+)-(\\d+)-(\\d+)");
  private static Scratch current = new Scratch(defaultRoot());

  private final Path root;
  private Path processDirectory;

  /** A scratch area under {@code root}; the process's is {@link #current()}. */
  Scratch(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  private static Path defaultRoot() {
    String environment = System.getenv("G2LSTM_SCRATCH");
    if (environment != null && !environment.isBlank()) {
      return Path.of(environment);
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "g2lstm-" + System.getProperty("user.name", "user"));
  }

  /**
   * Sets the process's root from {@code scratch.directory} (blank: the default). Once a copy has been made, the root
   * stays: a later, different setting is an error.
   */
  public static synchronized void use(String directory) {
    Path chosen = (directory.isBlank() ? defaultRoot() : Path.of(directory)).toAbsolutePath().normalize();
    if (chosen.equals(current.root)) {
      return;
    }
    if (current.processDirectory != null) {
      throw new IllegalStateException("scratch.directory: expected it chosen before the first copy, found "
          + chosen + " after copies were made under " + current.root);
    }
    current = new Scratch(chosen);
  }

  /** The process's scratch area. */
  public static synchronized Scratch current() {
    return current;
  }

  /** A new, empty directory {@code <prefix><uuid>} under this process's scratch directory. */
  public static Path newDirectory(String prefix) {
    return current().directory(prefix);
  }

  public Path root() {
    return root;
  }

  /** A new, empty directory {@code <prefix><uuid>} under this area's process directory. */
  public Path directory(String prefix) {
    try {
      return Files.createDirectory(processDirectory().resolve(prefix + UUID.randomUUID()));
    } catch (IOException e) {
      throw new UncheckedIOException("creating a scratch directory under " + root, e);
    }
  }

  private synchronized Path processDirectory() throws IOException {
    if (processDirectory == null) {
      Files.createDirectories(root);
      removeEndedProcesses();
      Path directory = Files.createDirectories(root.resolve(name(ProcessIdentity.current())));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteTree(directory),
          "g2lstm-scratch-cleanup"));
      processDirectory = directory;
    }
    return processDirectory;
  }

  /** The name of a process's directory. */
  static String name(ProcessIdentity process) {
    return "process-" + Names.escaped(process.host()) + "-" + process.pid() + "-" + process.startTime();
  }

  private void removeEndedProcesses() throws IOException {
    List<Path> entries;
    try (Stream<Path> listing = Files.list(root)) {
      entries = listing.toList();
    }
    ProcessIdentity self = ProcessIdentity.current();
    String host = Names.escaped(self.host());
    for (Path entry : entries) {
      Matcher m = PROCESS.matcher(entry.getFileName().toString());
      if (m.matches() && m.group(1).equals(host) && Files.isDirectory(entry)
          && new ProcessIdentity(self.host(), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)))
              .endedOnThisHost()) {
        try {
          Directories.deleteTree(entry);
        } catch (UncheckedIOException e) {
          // another process is removing it too
        }
      }
    }
  }
}
