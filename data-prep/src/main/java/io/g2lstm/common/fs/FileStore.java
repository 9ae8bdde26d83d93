package io.g2lstm.common.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The few file operations the jobs' outputs need, on one file system: the local disk ({@link LocalFileStore}) or a
 * Hadoop file system (HDFS, S3; the Spark jobs' implementation). Paths are strings in the file system's own syntax
 * (a local path, or a Hadoop URI); {@link #child} and {@link #parent} build them, so callers never parse them.
 */
public interface FileStore {

  /** {@code path}, absolute (and, for Hadoop, with scheme and authority), for messages and comparisons. */
  String qualify(String path);

  /** The entry {@code name} of {@code directory}. */
  String child(String directory, String name);

  /** The directory holding {@code path}, or null for a root. */
  String parent(String path);

  /** The last component of {@code path}. */
  String name(String path);

  boolean exists(String path) throws IOException;

  boolean isDirectory(String path) throws IOException;

  boolean isFile(String path) throws IOException;

  /** The names of the entries of {@code directory}, sorted; none when it does not exist. */
  List<String> list(String directory) throws IOException;

  /** Creates {@code directory} and its parents as needed. */
  void makeDirectories(String directory) throws IOException;

  /** Moves {@code from} to {@code to}, which must not exist; fails rather than merging or replacing. */
  void rename(String from, String to) throws IOException;

  /** Moves the file {@code from} over the file {@code to} in one step: readers see the old file or the new one. */
  void replace(String from, String to) throws IOException;

  /** {@code path} on the local disk, where this file system is the local disk; empty elsewhere. */
  Optional<java.nio.file.Path> localPath(String path);

  /** Removes {@code path} and everything below it; nothing happens if it does not exist. */
  void deleteTree(String path) throws IOException;

  /** A new file (replacing any file there), with the user's default permissions. */
  OutputStream create(String file) throws IOException;

  InputStream open(String file) throws IOException;
}
