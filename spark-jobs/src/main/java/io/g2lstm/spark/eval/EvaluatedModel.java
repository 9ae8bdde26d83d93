package io.g2lstm.spark.eval;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.train.Checkpoint;

/**
 * Which trained model evaluation rows are about, as its checkpoint says.
 *
 * @param modelRun the training run that produced the checkpoint; for a checkpoint of single-process training,
 *     which has none, {@code <model>-<gate mode>}
 * @param model {@code model.name}
 * @param gateMode baseline, sharpened or g2
 * @param epoch the epochs the checkpoint was trained for
 * @param checkpoint where the checkpoint was read from
 */
public record EvaluatedModel(String modelRun, String model, String gateMode, int epoch, String checkpoint) {

  /** The model of a checkpoint read from {@code location}. */
  public static EvaluatedModel of(Checkpoint checkpoint, String location) {
    ModelSettings settings = ModelSettings.from(SettingsReader.load(checkpoint.configuration()));
    String gateMode = SettingsReader.settingName(settings.gate().mode());
    String runId = checkpoint.state().runId();
    return new EvaluatedModel(runId.isEmpty() ? settings.name() + "-" + gateMode : runId, settings.name(), gateMode,
        checkpoint.state().epoch(), location);
  }
}
