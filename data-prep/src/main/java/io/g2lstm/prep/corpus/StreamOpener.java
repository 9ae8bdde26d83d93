package io.g2lstm.prep.corpus;

import io.g2lstm.common.DataException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a file by name for reading. Serializable so that Spark executors can open corpus files themselves (the
 * Spark jobs supply one backed by Hadoop's FileSystem; tests and tools use {@link #LOCAL}).
 */
@FunctionalInterface
public interface StreamOpener extends Serializable {

  /** Opens the file; a missing file is a {@link java.io.FileNotFoundException} or {@link NoSuchFileException}. */
  InputStream open(String file) throws IOException;

  /** Opens files on the local file system. */
  StreamOpener LOCAL = file -> Files.newInputStream(Path.of(file));

  /**
   * Opens {@code file} through {@code opener}: a missing file is a {@link DataException}, other I/O failures are
   * unchecked; both name the file.
   */
  static InputStream openOrFail(StreamOpener opener, String file) {
    try {
      return opener.open(file);
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new DataException(file + ": expected an existing, readable file, found none", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e, e);
    }
  }
}
