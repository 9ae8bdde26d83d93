package io.g2lstm.prep.bpe;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines, terminators included, the way subword-nmt's Python reads them, so that words and
 * whitespace come out identical. {@link Mode#CODECS} is {@code codecs.open} (breaks at every
 * {@code str.splitlines} boundary); {@link Mode#UNIVERSAL} is {@code open(..., 'r')} (breaks at {@code \n},
 * {@code \r\n} and {@code \r}, each returned as {@code \n}).
 */
final class PythonLineReader {

  /** Which Python reader to imitate. */
  enum Mode { CODECS, UNIVERSAL }

  private final Reader in;
  private final Mode mode;
  private final char[] buffer = new char[16384];
  private int position;
  private int limit;
  private boolean exhausted;

  PythonLineReader(Reader in, Mode mode) {
    this.in = in;
    this.mode = mode;
  }

  /** The next line with its terminator, or null at the end of the input. */
  String readLine() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (position == limit && !fill()) {
        return line == null || line.isEmpty() ? null : line.toString();
      }
      if (line == null) {
        line = new StringBuilder(128);
      }
      int start = position;
      while (position < limit) {
        char c = buffer[position];
        if (c == '\r') {
          line.append(buffer, start, position - start);
          position++;
          boolean crlf = (position < limit || fill()) && buffer[position] == '\n';
          if (crlf) {
            position++;
          }
          line.append(mode == Mode.UNIVERSAL ? "\n" : crlf ? "\r\n" : "\r");
          return line.toString();
        }
        boolean breaks = mode == Mode.UNIVERSAL ? c == '\n' : PythonText.isLineBreakChar(c);
        position++;
        if (breaks) {
          line.append(buffer, start, position - start);
          return line.toString();
        }
      }
      line.append(buffer, start, position - start);
    }
  }

  /** Refills an exhausted buffer; false at the end of the input. */
  private boolean fill() throws IOException {
    if (exhausted) {
      return false;
    }
    int read;
    do {
      read = in.read(buffer, 0, buffer.length);
    } while (read == 0);
    if (read < 0) {
      exhausted = true;
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }
}
