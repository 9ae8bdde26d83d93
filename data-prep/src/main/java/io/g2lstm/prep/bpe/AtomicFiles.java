package io.g2lstm.prep.bpe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a UTF-8 text file through a temporary file and an atomic move, so readers never see half a file. */
final class AtomicFiles {

  /** Writes text to a {@link Writer}. */
  @FunctionalInterface
  interface TextWriter {
    void writeTo(Writer out) throws IOException;
  }

  private AtomicFiles() {}

  static void write(Path target, TextWriter content) {
    Path absolute = target.toAbsolutePath();
    Path temporary = null;
    try {
      temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        content.writeTo(out);
      }
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // The original failure is the one worth reporting.
    }
  }
}
