package io.g2lstm.spark;

import io.g2lstm.common.fs.FileStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A Hadoop file system (local, HDFS, S3) as a {@link FileStore}. Its own small files skip the local file system's
 * {@code .crc} sidecars, which would only clutter directories that notebooks and other tools read.
 */
public final class HadoopFileStore implements FileStore {

  private final Configuration conf;

  public HadoopFileStore(Configuration conf) {
    this.conf = conf;
  }

  private FileSystem fs(String path) throws IOException {
    return new Path(path).getFileSystem(conf);
  }

  @Override
  public String qualify(String path) {
    try {
      return fs(path).makeQualified(new Path(path)).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("opening the file system of " + path, e);
    }
  }

  /** {@code name} must not hold a {@code :} (Hadoop reads it as a scheme): escape names with {@code Names}. */
  @Override
  public String child(String directory, String name) {
    return new Path(new Path(directory), name).toString();
  }

  @Override
  public String parent(String path) {
    Path parent = new Path(qualify(path)).getParent();
    return parent == null ? null : parent.toString();
  }

  @Override
  public String name(String path) {
    return new Path(path).getName();
  }

  @Override
  public boolean exists(String path) throws IOException {
    return fs(path).exists(new Path(path));
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    return fs(path).isDirectory(new Path(path));
  }

  @Override
  public boolean isFile(String path) throws IOException {
    return fs(path).isFile(new Path(path));
  }

  @Override
  public List<String> list(String directory) throws IOException {
    List<String> names = new ArrayList<>();
    try {
      for (FileStatus status : fs(directory).listStatus(new Path(directory))) {
        String name = status.getPath().getName();
        if (!(name.startsWith(".") && name.endsWith(".crc"))) {
          names.add(name);
        }
      }
    } catch (FileNotFoundException e) {
      return List.of();
    }
    names.sort(null);
    return names;
  }

  @Override
  public void makeDirectories(String directory) throws IOException {
    if (!fs(directory).mkdirs(new Path(directory))) {
      throw new IOException("the file system refused to create " + directory);
    }
  }

  @Override
  public void rename(String from, String to) throws IOException {
    if (exists(to)) {
      throw new IOException("cannot move " + from + " to " + to + ": it exists");
    }
    if (!fs(from).rename(new Path(from), new Path(to))) {
      throw new IOException("the file system refused to move " + from + " to " + to);
    }
  }

  @Override
  public void replace(String from, String to) throws IOException {
    FileContext.getFileContext(new Path(to).toUri(), conf).rename(new Path(from), new Path(to),
        Options.Rename.OVERWRITE);
  }

  @Override
  public Optional<java.nio.file.Path> localPath(String path) {
    try {
      return fs(path) instanceof LocalFileSystem
          ? Optional.of(java.nio.file.Path.of(new Path(qualify(path)).toUri().getPath())) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("opening the file system of " + path, e);
    }
  }

  @Override
  public void deleteTree(String path) throws IOException {
    fs(path).delete(new Path(path), true);
  }

  @Override
  public OutputStream create(String file) throws IOException {
    FileSystem fs = fs(file);
    FileSystem plain = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    return plain.create(plain.makeQualified(new Path(file)), true);
  }

  @Override
  public InputStream open(String file) throws IOException {
    return fs(file).open(new Path(file));
  }
}
