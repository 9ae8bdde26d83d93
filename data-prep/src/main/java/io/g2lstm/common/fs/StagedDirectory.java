package io.g2lstm.common.fs;

import com.typesafe.config.Config;
import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.LifecycleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An output directory that appears whole or not at all, and replaces only what its job wrote. Everything is written
 * under a temporary sibling {@code <output>.tmp-<uuid>}, beside an owner file {@code <output>.tmp-<uuid>.owner} that
 * records the output and the process (see {@link ProcessIdentity}); {@link #commit()} moves an earlier output aside
 * to {@code <output>.old-<uuid>}, the new one into place, and then removes the old one; {@link #close()} without a
 * commit removes the temporary directory. An existing output must be one {@link OutputOwner} accepts, or nothing is
 * touched.
 *
 * <p>A job killed midway leaves its siblings behind. The next run for the same output removes those it can prove
 * are its own: temporary directories whose owner file names this output and a process of this host that has ended,
 * and old outputs that carry the job's marker (or are empty) once an output is in place again. An old output with
 * no output beside it (a kill between the two moves of a commit) stays until a new output has replaced it.
 * Leftovers of a live process, or of another host, are left alone.
 */
public final class StagedDirectory implements AutoCloseable {

  private static final String STAGING = ".tmp-";
  private static final String PREVIOUS = ".old-";
  private static final String OWNER_FILE = ".owner";
  private static final int UUID_LENGTH = 36;

  private final FileStore fs;
  private final String output;
  private final String given;
  private final OutputOwner owner;
  private final String setting;
  private final String staging;
  private final List<String> removedLeftovers;
  private boolean committed;

  private StagedDirectory(FileStore fs, String output, String given, OutputOwner owner, String setting,
      String staging, List<String> removedLeftovers) {
    this.fs = fs;
    this.output = output;
    this.given = given;
    this.owner = owner;
    this.setting = setting;
    this.staging = staging;
    this.removedLeftovers = List.copyOf(removedLeftovers);
  }

  /**
   * Checks that {@code output} may be replaced, removes the leftovers of earlier killed runs, and creates the
   * temporary directory.
   *
   * @param setting the setting or option that named the output, for messages
   */
  public static StagedDirectory begin(FileStore fs, String output, OutputOwner owner, String setting) {
    String target = fs.qualify(output);
    String parent = fs.parent(target);
    if (parent == null) {
      throw new ConfigurationException(setting + " " + output + ": expected a directory below a parent, found the "
          + "root");
    }
    try {
      List<String> removed = new ArrayList<>();
      owner.requireReplaceable(fs, output, setting);
      removeLeftovers(fs, target, owner, removed);
      String staging = fs.child(parent, fs.name(target) + STAGING + UUID.randomUUID());
      try {
        fs.makeDirectories(parent);
        try (OutputStream out = fs.create(staging + OWNER_FILE)) {
          out.write(ProcessIdentity.current().toJson(Map.of("output", target, "job", owner.job()))
              .getBytes(StandardCharsets.UTF_8));
        }
        fs.makeDirectories(staging);
      } catch (IOException e) {
        throw new ConfigurationException(setting + " " + output + ": expected a location this job can write to, "
            + "found it cannot (" + e.getMessage() + ")", e);
      }
      return new StagedDirectory(fs, target, output, owner, setting, staging, removed);
    } catch (IOException e) {
      throw new UncheckedIOException("preparing " + target, e);
    }
  }

  /** The temporary directory to write into. */
  public String path() {
    return staging;
  }

  /** The final location, qualified. */
  public String output() {
    return output;
  }

  public FileStore fileStore() {
    return fs;
  }

  /** The leftovers of earlier killed runs that {@link #begin} removed. */
  public List<String> removedLeftovers() {
    return removedLeftovers;
  }

  /** Moves the finished output into place, replacing an earlier one (checked again now). */
  public void commit() {
    if (committed) {
      throw new LifecycleException(setting + " " + given + ": expected an uncommitted staging directory, found it "
          + "already committed");
    }
    if (owner.writesMarker()) {
      owner.mark(fs, staging);
    }
    owner.requireReplaceable(fs, given, setting);
    String parent = fs.parent(output);
    String previous = null;
    try {
      if (fs.exists(output)) {
        previous = fs.child(parent, fs.name(output) + PREVIOUS + UUID.randomUUID());
        fs.rename(output, previous);
      }
      try {
        fs.rename(staging, output);
      } catch (IOException e) {
        if (previous != null) {
          fs.rename(previous, output);
        }
        throw e;
      }
      committed = true;
      if (previous != null) {
        fs.deleteTree(previous);
      }
      fs.deleteTree(staging + OWNER_FILE);
      removeOldOutputs(fs, output, owner, new ArrayList<>());
    } catch (IOException e) {
      throw new UncheckedIOException("moving " + staging + " to " + output, e);
    }
  }

  /** Removes the temporary directory unless the output was committed. */
  @Override
  public void close() {
    if (!committed) {
      try {
        fs.deleteTree(staging);
        fs.deleteTree(staging + OWNER_FILE);
      } catch (IOException e) {
        throw new UncheckedIOException("removing " + staging, e);
      }
    }
  }

  private static void removeLeftovers(FileStore fs, String target, OutputOwner owner, List<String> removed)
      throws IOException {
    for (String sibling : siblings(fs, target, STAGING)) {
      String ownerFile = sibling + OWNER_FILE;
      if (isStale(fs, ownerFile, target)) {
        fs.deleteTree(sibling);
        fs.deleteTree(ownerFile);
        removed.add(sibling);
      }
    }
    if (fs.exists(target)) {
      removeOldOutputs(fs, target, owner, removed);
    }
  }

  private static void removeOldOutputs(FileStore fs, String target, OutputOwner owner, List<String> removed)
      throws IOException {
    for (String sibling : siblings(fs, target, PREVIOUS)) {
      if (fs.isDirectory(sibling) && (owner.owns(fs, sibling) || fs.list(sibling).isEmpty())) {
        fs.deleteTree(sibling);
        removed.add(sibling);
      }
    }
  }

  /** Whether the owner file names {@code target} and a process of this host that has ended. */
  private static boolean isStale(FileStore fs, String ownerFile, String target) throws IOException {
    if (!fs.isFile(ownerFile)) {
      return false;
    }
    String text;
    try (InputStream in = fs.open(ownerFile)) {
      text = new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
    }
    Optional<Config> record = ProcessIdentity.parse(text);
    return record.isPresent() && record.get().hasPath("output")
        && target.equals(record.get().getString("output"))
        && ProcessIdentity.from(record.get()).endedOnThisHost();
  }

  /**
   * The siblings of {@code target} named {@code <name><infix><uuid>} (for staging directories, also their owner
   * files without a directory, which a kill during {@link #close} leaves).
   */
  private static List<String> siblings(FileStore fs, String target, String infix) throws IOException {
    String parent = fs.parent(target);
    String prefix = fs.name(target) + infix;
    List<String> found = new ArrayList<>();
    List<String> names = fs.list(parent);
    for (String name : names) {
      String base = name.endsWith(OWNER_FILE) ? name.substring(0, name.length() - OWNER_FILE.length()) : name;
      boolean matches = base.startsWith(prefix) && base.length() == prefix.length() + UUID_LENGTH
          && isUuid(base.substring(prefix.length()));
      if (matches && (base.equals(name) || infix.equals(STAGING) && !names.contains(base))) {
        found.add(fs.child(parent, base));
      }
    }
    return found;
  }

  private static boolean isUuid(String text) {
    try {
      return UUID.fromString(text).toString().equals(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
