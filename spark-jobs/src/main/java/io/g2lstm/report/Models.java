package io.g2lstm.report;

import io.g2lstm.common.DataException;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.results.EvaluatedModel;
import java.util.HashMap;
import java.util.Map;

/**
 * The models the report's tables mention, by training run. Every table names a model by its run and repeats its name
 * and gate mode; they must agree, or rows of different models would share a row of the report.
 */
final class Models {

  private final Map<String, ModelId> byRun = new HashMap<>();

  /** The model a row is about; {@code origin} names the table in the error when the name or mode disagree. */
  ModelId of(EvaluatedModel model, String origin) {
    return of(model.modelRun(), model.model(), model.gateMode(), origin);
  }

  /** The model of {@code run}; {@code origin} names the table in the error when the name or mode disagree. */
  ModelId of(String run, String name, GateMode mode, String origin) {
    ModelId model = new ModelId(run, name, mode);
    ModelId known = byRun.putIfAbsent(run, model);
    if (known != null && !known.equals(model)) {
      throw DataException.in(origin + " of model run '" + run + "'", "model '" + known.name() + "' with gate mode "
          + SettingsReader.settingName(known.mode()) + " as in the other rows", "model '" + name
          + "' with gate mode " + SettingsReader.settingName(mode));
    }
    return model;
  }
}
