package io.g2lstm.prep.corpus;

/** What to do with a line that is not valid UTF-8. */
public enum InvalidUtf8Policy {
  /** Replace each malformed sequence with U+FFFD and count the line. */
  REPLACE,
  /** Stop with an error that names the file and line. */
  REJECT
}
