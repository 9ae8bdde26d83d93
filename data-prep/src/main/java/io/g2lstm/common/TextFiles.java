package io.g2lstm.common;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Reading and writing whole UTF-8 text files the same way everywhere: writes go through a temporary file in the same
 * directory and an atomic move, so readers never see half a file; reads report malformed UTF-8 as bad data naming
 * the file.
 */
public final class TextFiles {

  /** Writes text to a {@link Writer}. */
  @FunctionalInterface
  public interface TextWriter {
    void writeTo(Writer out) throws IOException;
  }

  /** Parses text from a {@link Reader}; {@code name} names the input in error messages. */
  @FunctionalInterface
  public interface TextParser<T> {
    T parse(Reader in, String name) throws IOException;
  }

  private TextFiles() {}

  /** Writes {@code target} atomically, replacing any file there. */
  public static void write(Path target, TextWriter content) {
    Path absolute = target.toAbsolutePath();
    Path temporary = null;
    try {
      // Not Files.createTempFile, which makes the file private (0600): outputs get the user's umask.
      temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** The text {@code content} writes. */
  public static String render(TextWriter content) {
    StringWriter text = new StringWriter();
    try {
      content.writeTo(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Parses a UTF-8 file. */
  public static <T> T read(Path file, TextParser<T> parser) {
    if (!Files.isRegularFile(file)) {
      throw DataException.in(file.toString(), "a readable file", Files.isDirectory(file) ? "a directory"
          : Files.exists(file) ? "something that is not a regular file" : "no such file");
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parser.parse(in, file.toString());
    } catch (CharacterCodingException e) {
      throw DataException.in(file.toString(), "UTF-8 text", "malformed bytes");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
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
