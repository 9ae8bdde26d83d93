package io.g2lstm.common.fs;

import io.g2lstm.common.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The local disk as a {@link FileStore}. */
public final class LocalFileStore implements FileStore {

  public static final LocalFileStore INSTANCE = new LocalFileStore();

  private LocalFileStore() {}

  private static Path path(String path) {
    return Path.of(path);
  }

  @Override
  public String qualify(String path) {
    return path(path).toAbsolutePath().normalize().toString();
  }

  @Override
  public String child(String directory, String name) {
    return path(directory).resolve(name).toString();
  }

  @Override
  public String parent(String path) {
    Path parent = path(qualify(path)).getParent();
    return parent == null ? null : parent.toString();
  }

  @Override
  public String name(String path) {
    Path name = path(qualify(path)).getFileName();
    return name == null ? "" : name.toString();
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(path(path), java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public boolean isDirectory(String path) {
    return Files.isDirectory(path(path));
  }

  @Override
  public boolean isFile(String path) {
    return Files.isRegularFile(path(path));
  }

  @Override
  public List<String> list(String directory) throws IOException {
    if (!Files.isDirectory(path(directory))) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(path(directory))) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public void makeDirectories(String directory) throws IOException {
    Files.createDirectories(path(directory));
  }

  @Override
  public void rename(String from, String to) throws IOException {
    Files.move(path(from), path(to), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void replace(String from, String to) throws IOException {
    Files.move(path(from), path(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public Optional<Path> localPath(String path) {
    return Optional.of(path(path));
  }

  @Override
  public void deleteTree(String path) throws IOException {
    try {
      Directories.deleteTree(path(path));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public OutputStream create(String file) throws IOException {
    return Files.newOutputStream(path(file));
  }

  @Override
  public InputStream open(String file) throws IOException {
    return Files.newInputStream(path(file));
  }
}
