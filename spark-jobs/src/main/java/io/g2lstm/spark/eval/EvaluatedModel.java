package io.g2lstm.spark.eval;

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
import io.g2lstm.spark.ResultTables;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which trained model evaluation rows are about, as its checkpoint says.
 *
 * @param modelRun the training run that produced the checkpoint; for a checkpoint of single-process training,
 *     which has none, {@code <model>-<gate mode>}; for a checkpoint written by {@code compress}, that of its source
 *     followed by {@code +<variant>} (e.g. {@code run-1+svd-16}), and for one written by {@code average},
 *     {@code +average-<n>}, so that it never replaces its source's rows
 * @param model {@code model.name}
 * @param gateMode baseline, sharpened or g2
 * @param epoch the epochs the checkpoint was trained for
 * @param checkpoint where the checkpoint was read from
 */
public record EvaluatedModel(String modelRun, String model, String gateMode, int epoch, String checkpoint) {

  /**
   * The columns every evaluation table begins with: {@code run_id} and {@code model_run} (the partition columns),
   * {@code model}, {@code gate_mode} and {@code epoch}; a table adds its own.
   */
  public static StructType columns() {
    return new StructType()
        .add(ResultTables.RUN_ID, DataTypes.StringType, false)
        .add(ResultTables.MODEL_RUN, DataTypes.StringType, false)
        .add("model", DataTypes.StringType, false)
        .add("gate_mode", DataTypes.StringType, false)
        .add("epoch", DataTypes.IntegerType, false);
  }

  /** A table row about this model in run {@code runId}: its values of {@link #columns()}, then {@code rest}. */
  public Row row(String runId, Object... rest) {
    Object[] values = new Object[5 + rest.length];
    values[0] = runId;
    values[1] = modelRun;
    values[2] = model;
    values[3] = gateMode;
    values[4] = epoch;
    System.arraycopy(rest, 0, values, 5, rest.length);
    return RowFactory.create(values);
  }

  /** The model of a checkpoint read from {@code location}. */
  public static EvaluatedModel of(Checkpoint checkpoint, String location) {
    ModelSettings settings = ModelSettings.from(checkpoint.settings());
    String gateMode = SettingsReader.settingName(settings.gate().mode());
    String runId = checkpoint.state().runId();
    String modelRun = runId.isEmpty() ? settings.name() + "-" + gateMode : runId;
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
    return new EvaluatedModel(modelRun, settings.name(), gateMode, checkpoint.state().epoch(), location);
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
