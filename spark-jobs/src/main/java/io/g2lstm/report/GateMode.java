package io.g2lstm.report;

import io.g2lstm.common.DataException;

/** The paper's three models, in the order its tables list them, with the labels they carry there. */
public enum GateMode {
  BASELINE("baseline", "Baseline"),
  SHARPENED("sharpened", "Sharpened"),
  G2("g2", "G²-LSTM");

  private final String name;
  private final String label;

  GateMode(String name, String label) {
    this.name = name;
    this.label = label;
  }

  /** The mode as {@code model.gate.mode} and the result tables spell it. */
  public String configName() {
    return name;
  }

  /** The row label in the report's tables. */
  public String label() {
    return label;
  }

  /** The mode spelt {@code name}; {@code origin} names the row in the error. */
  public static GateMode of(String name, String origin) {
    for (GateMode mode : values()) {
      if (mode.name.equals(name)) {
        return mode;
      }
    }
    throw DataException.in(origin, "gate mode baseline, sharpened or g2", "'" + name + "'");
  }
}
