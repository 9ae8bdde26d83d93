package io.g2lstm.common;

/** Input data is malformed. The message names the file and, where there is one, the line. */
public final class DataException extends G2Exception {

  public DataException(String message) {
    super(message, null);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "{file}:{line}: expected E, found F" (line numbers are 1-based). */
  public static DataException at(String file, long line, String expected, Object found) {
    return new DataException(file + ":" + line + ": expected " + expected + ", found " + found);
  }

  /** "{file}: expected E, found F", for problems that concern a whole file. */
  public static DataException in(String file, String expected, Object found) {
    return new DataException(file + ": expected " + expected + ", found " + found);
  }
}
