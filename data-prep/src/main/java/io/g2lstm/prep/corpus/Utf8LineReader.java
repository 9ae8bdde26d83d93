package io.g2lstm.prep.corpus;

import io.g2lstm.common.DataException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads lines of UTF-8 text from a byte stream, noticing malformed input instead of silently replacing it (as
 * {@code BufferedReader} and Hadoop's {@code Text} do). Lines end at {@code \n}; a trailing {@code \r} is dropped; a
 * lone {@code \r} is part of its line; a last line without {@code \n} counts. This is the one line-splitting rule of
 * every reader of text (corpora, test sets, standard input, vocabularies, BLEU's files): {@link #split} applies it to
 * text already decoded.
 * A line longer than the byte limit is skipped to its end and reported as overlong, so one bad line cannot exhaust
 * memory. Not thread-safe.
 */
public final class Utf8LineReader implements Closeable {

  /** One decoded line. */
  public record Line(String text, boolean repaired, boolean overlong) {}

  private final InputStream in;
  private final String fileName;
  private final InvalidUtf8Policy policy;
  private final int maxLineBytes;
  private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] chunk = new byte[1 << 16];
  private int chunkPos;
  private int chunkLen;
  private byte[] line = new byte[256];
  private long lineNumber;

  public Utf8LineReader(InputStream in, String fileName, InvalidUtf8Policy policy, int maxLineBytes) {
    this.in = in;
    this.fileName = fileName;
    this.policy = policy;
    this.maxLineBytes = maxLineBytes;
  }

  /** The lines of a whole stream, malformed UTF-8 replaced; {@code name} names it in errors. */
  public static List<String> readAll(InputStream in, String name) {
    List<String> lines = new ArrayList<>();
    Utf8LineReader reader = new Utf8LineReader(in, name, InvalidUtf8Policy.REPLACE, Integer.MAX_VALUE);
    for (Line line = reader.next(); line != null; line = reader.next()) {
      lines.add(line.text());
    }
    return lines;
  }

  /** The lines of decoded text, by the same rule. */
  public static List<String> split(CharSequence text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int length = text.length();
    while (start < length) {
      int end = start;
      while (end < length && text.charAt(end) != '\n') {
        end++;
      }
      int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      lines.add(text.subSequence(start, stop).toString());
      start = end + 1;
    }
    return lines;
  }

  /** The number of lines returned so far. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The next line, or null at the end of the stream. */
  public Line next() {
    int length = 0;
    boolean overlong = false;
    boolean sawAny = false;
    while (true) {
      if (chunkPos == chunkLen && !fill()) {
        if (!sawAny) {
          return null;
        }
        break;
      }
      sawAny = true;
      int start = chunkPos;
      int end = start;
      while (end < chunkLen && chunk[end] != '\n') {
        end++;
      }
      int n = end - start;
      if (!overlong) {
        if (length + n > maxLineBytes) {
          overlong = true;
        } else {
          ensureCapacity(length + n);
          System.arraycopy(chunk, start, line, length, n);
          length += n;
        }
      }
      chunkPos = end;
      if (end < chunkLen) {
        chunkPos++; // the newline
        break;
      }
    }
    lineNumber++;
    if (overlong) {
      return new Line("", false, true);
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return decode(length);
  }

  private Line decode(int length) {
    if (isAscii(length)) {
      return new Line(new String(line, 0, length, StandardCharsets.ISO_8859_1), false, false);
    }
    try {
      CharBuffer chars = strict.decode(ByteBuffer.wrap(line, 0, length));
      return new Line(chars.toString(), false, false);
    } catch (CharacterCodingException e) {
      if (policy == InvalidUtf8Policy.REJECT) {
        throw DataException.at(fileName, lineNumber, "valid UTF-8 (set invalid-utf8 = replace to repair it)",
            "a malformed byte sequence");
      }
      return new Line(new String(line, 0, length, StandardCharsets.UTF_8), true, false);
    }
  }

  private boolean isAscii(int length) {
    for (int i = 0; i < length; i++) {
      if (line[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private void ensureCapacity(int needed) {
    if (needed > line.length) {
      line = Arrays.copyOf(line, Math.max(needed, line.length * 2));
    }
  }

  private boolean fill() {
    try {
      int n = in.read(chunk);
      if (n <= 0) {
        return false;
      }
      chunkPos = 0;
      chunkLen = n;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + fileName + " after line " + lineNumber, e);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + fileName, e);
    }
  }
}
