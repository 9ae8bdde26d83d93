package io.g2lstm.prep.corpus;

import java.util.Locale;

/** The three data splits a prepared corpus has. */
public enum Split {
  TRAIN, VALID, TEST;

  /** The lower-case name used in configuration, paths and tables. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
