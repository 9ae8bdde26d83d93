package io.g2lstm.spark;

import io.g2lstm.common.fs.OutputOwner;
import io.g2lstm.common.fs.StagedDirectory;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A {@link StagedDirectory} on a Hadoop file system (a local directory, HDFS, S3), for jobs that write with Spark:
 * the output appears whole or not at all, replaces only an earlier output of its job, and the files written so far
 * can be listed with their checksums.
 */
public final class StagedOutput implements AutoCloseable {

  private final FileSystem fs;
  private final StagedDirectory directory;
  private final Path staging;

  private StagedOutput(FileSystem fs, StagedDirectory directory) {
    this.fs = fs;
    this.directory = directory;
    this.staging = new Path(directory.path());
  }

  /**
   * Checks that {@code output} may be replaced by {@code owner}'s job and creates the temporary directory beside it.
   *
   * @param setting the setting that named the output, for messages
   */
  public static StagedOutput begin(String output, OutputOwner owner, String setting, Configuration conf) {
    StagedDirectory directory = StagedDirectory.begin(new HadoopFileStore(conf), output, owner, setting);
    try {
      return new StagedOutput(new Path(directory.output()).getFileSystem(conf), directory);
    } catch (IOException e) {
      directory.close();
      throw new UncheckedIOException("opening the file system of " + output, e);
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
    return new Path(directory.output());
  }

  /** The leftovers of earlier killed runs removed before this one began. */
  public List<String> removedLeftovers() {
    return directory.removedLeftovers();
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

  /** Moves the finished output into place, replacing an earlier output of its job. */
  public void commit() {
    try {
      removeChecksumSidecars();
    } catch (IOException e) {
      throw new UncheckedIOException("tidying " + staging, e);
    }
    directory.commit();
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

  /** Removes the temporary directory unless the output was committed. */
  @Override
  public void close() {
    directory.close();
  }
}
