package io.g2lstm.report;

import io.g2lstm.common.DataException;
import java.util.HashMap;
import java.util.Map;

/**
 * The models the report's tables mention, by training run. Every table names a model by its run and repeats its name
 * and gate mode; they must agree, or rows of different models would share a row of the report.
 */
final class Models {

  private final Map<String, ModelId> byRun = new HashMap<>();

  /** The model of {@code run}; {@code origin} names the table in the error when the name or mode disagree. */
  ModelId of(String run, String name, String gateMode, String origin) {
    ModelId model = new ModelId(run, name, GateMode.of(gateMode, origin + " of model run '" + run + "'"));
    ModelId known = byRun.putIfAbsent(run, model);
    if (known != null && !known.equals(model)) {
      throw DataException.in(origin + " of model run '" + run + "'", "model '" + known.name() + "' with gate mode "
          + known.mode().configName() + " as in the other rows", "model '" + name + "' with gate mode " + gateMode);
    }
    return model;
  }
}
