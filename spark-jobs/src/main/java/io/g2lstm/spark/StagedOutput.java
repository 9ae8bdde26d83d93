package io.g2lstm.spark;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.LifecycleException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * An output directory on any Hadoop file system that appears whole or not at all: everything is written under a
 * temporary sibling ({@code <output>.tmp-<uuid>}), and {@link #commit()} swaps it into place, replacing an older
 * output only after the new one is complete. {@link #close()} without a commit removes the temporary directory, so a
 * failed run leaves the previous output untouched and nothing half-written.
 */
public final class StagedOutput implements AutoCloseable {

  private final FileSystem fs;
  private final Path output;
  private final Path staging;
  private boolean committed;

  private StagedOutput(FileSystem fs, Path output, Path staging) {
    this.fs = fs;
    this.output = output;
    this.staging = staging;
  }

  /** Creates the temporary directory beside {@code output}. */
  public static StagedOutput begin(String output, Configuration conf) {
    Path target = new Path(output);
    try {
      FileSystem fs = target.getFileSystem(conf);
      Path qualified = fs.makeQualified(target);
      Path parent = qualified.getParent();
      if (parent == null) {
        throw new ConfigurationException("output " + output + ": expected a directory below a parent, found the root");
      }
      Path staging = new Path(parent, qualified.getName() + ".tmp-" + UUID.randomUUID());
      if (!fs.mkdirs(staging)) {
        throw new ConfigurationException("output " + output + ": expected a writable parent directory, found that "
            + staging + " cannot be created");
      }
      return new StagedOutput(fs, qualified, staging);
    } catch (IOException e) {
      throw new ConfigurationException("output " + output + ": expected a writable location, found " + e, e);
    }
  }

  /** The temporary directory to write into. */
  public Path staging() {
    return staging;
  }

  /** The file system both locations are on. */
  public FileSystem fileSystem() {
    return fs;
  }

  /** The final location. */
  public Path output() {
    return output;
  }

  /** A path under the temporary directory. */
  public Path resolve(String relative) {
    return new Path(staging, relative);
  }

  /** Writes a small text file under the temporary directory. */
  public void writeText(String relative, String text) {
    try (OutputStream out = fs.create(resolve(relative), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + resolve(relative), e);
    }
  }

  /** SHA-256 of every file written so far, keyed by path relative to the output, in sorted order. */
  public Map<String, String> checksums() {
    Map<String, String> sums = new TreeMap<>();
    try {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(staging, true);
      String prefix = staging.toUri().getPath() + "/";
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        String relative = file.getPath().toUri().getPath().substring(prefix.length());
        sums.put(relative, sha256(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + staging, e);
    }
    return sums;
  }

  private String sha256(FileStatus file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    try (FSDataInputStream in = fs.open(file.getPath())) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Moves the finished output into place, replacing any previous one. */
  public void commit() {
    if (committed) {
      throw new LifecycleException("output " + output + ": expected an uncommitted staging directory, found it "
          + "already committed");
    }
    try {
      removeChecksumSidecars();
      Path previous = null;
      if (fs.exists(output)) {
        previous = new Path(output.getParent(), output.getName() + ".old-" + UUID.randomUUID());
        rename(output, previous);
      }
      rename(staging, output);
      committed = true;
      if (previous != null) {
        fs.delete(previous, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("moving " + staging + " to " + output, e);
    }
  }

  /**
   * Hadoop's local file system writes a hidden {@code .name.crc} beside every file; they would only clutter a
   * directory that notebooks and other tools read, and the manifest holds stronger checksums.
   */
  private void removeChecksumSidecars() throws IOException {
    if (!(fs instanceof ChecksumFileSystem checksummed)) {
      return;
    }
    FileSystem raw = checksummed.getRawFileSystem();
    RemoteIterator<LocatedFileStatus> files = raw.listFiles(staging, true);
    List<Path> sidecars = new ArrayList<>();
    while (files.hasNext()) {
      Path file = files.next().getPath();
      if (file.getName().startsWith(".") && file.getName().endsWith(".crc")) {
        sidecars.add(file);
      }
    }
    for (Path sidecar : sidecars) {
      raw.delete(sidecar, false);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("the file system refused to rename " + from + " to " + to);
    }
  }

  /** Removes the temporary directory unless the output was committed. */
  @Override
  public void close() {
    if (!committed) {
      try {
        fs.delete(staging, true);
      } catch (IOException e) {
        throw new UncheckedIOException("removing " + staging, e);
      }
    }
  }
}
