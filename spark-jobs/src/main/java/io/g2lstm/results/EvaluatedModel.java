package io.g2lstm.results;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.common.DataException;
import io.g2lstm.common.Names;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.CheckpointAverage;
import io.g2lstm.model.compress.CompressedCheckpoint;
import io.g2lstm.model.layer.GateMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which trained model evaluation rows are about, as its checkpoint says: the columns {@code model_run} (the second
 * partition column), {@code model}, {@code gate_mode} and {@code epoch} of every evaluation table.
 *
 * @param modelRun the training run that produced the checkpoint; for a checkpoint of single-process training,
 *     which has none, {@code <model>-<gate mode>}; for a checkpoint written by {@code compress}, that of its source
 *     followed by {@code +<variant>} (e.g. {@code run-1+svd-16}), and for one written by {@code average},
 *     {@code +average-<n>}, so that it never replaces its source's rows
 * @param model {@code model.name}
 * @param gateMode the model's gates
 * @param epoch the epochs the checkpoint was trained for
 */
public record EvaluatedModel(String modelRun, String model, GateMode gateMode, int epoch) {

  public EvaluatedModel {
    Objects.requireNonNull(modelRun, "modelRun");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(gateMode, "gateMode");
  }

  /** The model of a checkpoint. */
  public static EvaluatedModel of(Checkpoint checkpoint) {
    ModelSettings settings = ModelSettings.from(checkpoint.settings());
    GateMode gateMode = settings.gate().mode();
    String runId = checkpoint.state().runId();
    String modelRun = runId.isEmpty() ? settings.name() + "-" + SettingsReader.settingName(gateMode) : runId;
    Path compression = checkpoint.directory().resolve(CompressedCheckpoint.COMPRESSION);
    if (Files.isRegularFile(compression)) {
      modelRun += "+" + variant(compression);
    }
    Path average = checkpoint.directory().resolve(CheckpointAverage.RECORD);
    if (Files.isRegularFile(average)) {
      modelRun += "+average-" + averaged(average);
    }
    // Model runs name table partitions and picture directories.
    Names.recorded(checkpoint.describe(Checkpoint.STATE), "a run id", modelRun);
    return new EvaluatedModel(modelRun, settings.name(), gateMode, checkpoint.state().epoch());
  }

  private static int averaged(Path record) {
    try {
      return ConfigFactory.parseFile(record.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON))
          .getStringList("checkpoints").size();
    } catch (ConfigException e) {
      throw new DataException(record + ": expected the checkpoints an average was made of, found " + e.getMessage(),
          e);
    }
  }

  private static String variant(Path compression) {
    try {
      return ConfigFactory.parseFile(compression.toFile(), ConfigParseOptions.defaults()
          .setSyntax(ConfigSyntax.JSON)).getString("variant");
    } catch (ConfigException e) {
      throw new DataException(compression + ": expected a compression record with its variant, found "
          + e.getMessage(), e);
    }
  }
}
