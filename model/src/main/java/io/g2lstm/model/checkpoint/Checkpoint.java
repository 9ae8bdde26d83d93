package io.g2lstm.model.checkpoint;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.common.DataException;
import io.g2lstm.common.Json;
import io.g2lstm.common.LifecycleException;
import io.g2lstm.common.Names;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.common.TextFiles;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.common.fs.OutputOwner;
import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.data.TranslationAssets;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A training checkpoint: a directory {@code <output>/checkpoints/epoch-NNN} holding the model with its optimizer
 * state ({@code model.zip}), the training state ({@code state.json}: epoch, step, losses, the model file's SHA-256),
 * the resolved configuration ({@code train.conf}) and the vocabularies, BPE codes and manifest of the data, so that a
 * checkpoint alone can translate. {@code <output>/checkpoints/latest} names the newest one, and
 * {@code <output>/checkpoints/best} the one with the lowest validation perplexity.
 *
 * <p>A checkpoint is written under a temporary name and renamed into place, and {@code latest} is replaced only after
 * that, so a crash mid-write never leaves a broken "latest". A model file that does not match its recorded SHA-256
 * (a truncated copy, say) is reported when loading.
 */
public final class Checkpoint {

  public static final String MODEL = "model.zip";
  private static final String DECODER_KEY = "model.decoder";
  public static final String STATE = "state.json";
  public static final String CONFIGURATION = "train.conf";
  public static final String DIRECTORY = "checkpoints";
  public static final String LATEST = "latest";
  /** In {@value #DIRECTORY}: names the checkpoint with the lowest validation perplexity. */
  public static final String BEST = "best";
  /** A checkpoint directory is one with a {@value #STATE}; only such a directory is ever replaced by another. */
  public static final OutputOwner OWNER = OutputOwner.manifest("train", STATE, null);

  /**
   * What training had reached after an epoch.
   *
   * @param runId the run that trained it ("" when none was named: single-process training)
   * @param validation the run's validation history up to this epoch (learning-rate plateaus, the best epoch)
   */
  public record Progress(int epoch, long step, double trainLoss, double validPerplexity, String runId,
      ValidationHistory validation) {

    /** Whether this epoch is the best so far (its checkpoint becomes {@value #BEST}). */
    public boolean isBest() {
      return validation.bestEpoch() == epoch;
    }
  }

  /** What training had reached when the checkpoint was written, and the SHA-256 of its model file. */
  public record State(int epoch, long step, double trainLoss, double validPerplexity, String runId,
      ValidationHistory validation, String modelSha256) {}

  private final Path directory;
  private final String origin;
  private final State state;

  private Checkpoint(Path directory, String origin, State state) {
    this.directory = directory;
    this.origin = origin;
    this.state = state;
  }

  /** Where the checkpoint came from, as messages name it: its directory, or what a local copy was made of. */
  public String origin() {
    return origin;
  }

  /** A file of the checkpoint as messages name it. */
  public String describe(String file) {
    return origin + "/" + file;
  }

  public Path directory() {
    return directory;
  }

  public State state() {
    return state;
  }

  /** Writes a checkpoint after {@code progress.epoch()} epochs and makes it the latest (and the best, if it is). */
  public static Checkpoint write(Path output, ComputationGraph graph, Progress progress, Path assets,
      String resolvedConfiguration) {
    String written = new CheckpointStore(LocalFileStore.INSTANCE, output.toString()).write(graph, progress, assets,
        resolvedConfiguration, directory -> {});
    return open(Path.of(written));
  }

  /**
   * Writes the files of a checkpoint into {@code directory} (created if missing), without the staging and the
   * {@code latest} of {@link #write}: for callers that stage and move a directory themselves. On failure the
   * directory may hold some of the files.
   *
   * @param assets a prepared-data or checkpoint directory with the vocabularies, BPE codes and manifest
   */
  public static Checkpoint writeDirectory(Path directory, ComputationGraph graph, Progress progress, Path assets,
      String resolvedConfiguration) {
    try {
      return new Checkpoint(directory, directory.toString(), writeFiles(directory, graph, progress, assets,
          resolvedConfiguration));
    } catch (IOException e) {
      throw new UncheckedIOException("writing checkpoint " + directory, e);
    }
  }

  private static State writeFiles(Path directory, ComputationGraph graph, Progress progress, Path assets,
      String resolvedConfiguration) throws IOException {
    Files.createDirectories(directory);
    ModelSerializer.writeModel(graph, directory.resolve(MODEL).toFile(), true);
    State state = new State(progress.epoch(), progress.step(), progress.trainLoss(), progress.validPerplexity(),
        progress.runId(), progress.validation(), sha256(directory.resolve(MODEL)));
    TextFiles.write(directory.resolve(STATE), out -> out.write(stateJson(state)));
    TextFiles.write(directory.resolve(CONFIGURATION), out -> out.write(resolvedConfiguration));
    TranslationAssets.copyFiles(assets, directory);
    return state;
  }

  /** The name of the checkpoint directory after {@code epoch} epochs. */
  public static String directoryName(int epoch) {
    return String.format(Locale.ROOT, "epoch-%03d", epoch);
  }

  /** The latest checkpoint under a training output directory, if there is one. */
  public static Optional<Checkpoint> latest(Path output) {
    return new CheckpointStore(LocalFileStore.INSTANCE, output.toString()).latest();
  }

  /**
   * Opens a checkpoint directory, the latest checkpoint of a training output directory, or the checkpoint that a
   * {@value #LATEST} or {@value #BEST} file names ({@link CheckpointStore#resolve}), checking that its model file is
   * whole.
   */
  public static Checkpoint open(Path path) {
    Path directory = Path.of(CheckpointStore.resolve(LocalFileStore.INSTANCE, path.toString()));
    return open(directory, directory.toString());
  }

  /**
   * Opens a local copy of a checkpoint directory: errors and {@link #toString} name {@code origin}, the checkpoint it
   * was made from (on HDFS, say), rather than the copy.
   */
  public static Checkpoint open(Path path, String origin) {
    Path stateFile = path.resolve(STATE);
    if (!Files.isRegularFile(stateFile)) {
      throw new DataException(origin + ": expected a checkpoint directory (with " + STATE + " and " + MODEL
          + "), found none");
    }
    State state = readState(stateFile, origin + "/" + STATE);
    Path model = path.resolve(MODEL);
    String actual = Files.isRegularFile(model) ? sha256(model) : "no file";
    if (!actual.equals(state.modelSha256())) {
      throw new DataException(origin + "/" + MODEL + ": expected the model file recorded in " + STATE + " (SHA-256 "
          + state.modelSha256() + "), found " + (actual.equals("no file") ? "no file" : "different content (SHA-256 "
          + actual + "): the checkpoint is truncated or damaged"));
    }
    return new Checkpoint(path, origin, state);
  }

  /** The model with its optimizer state. */
  public ComputationGraph loadModel() {
    try {
      return ModelSerializer.restoreComputationGraph(directory.resolve(MODEL).toFile(), true);
    } catch (IOException | RuntimeException e) {
      throw new DataException(describe(MODEL) + ": expected a DL4J model, found one that cannot be read: "
          + e, e);
    }
  }

  /** The vocabularies, BPE codes and tokenizer options the model was trained with. */
  public TranslationAssets assets() {
    return TranslationAssets.load(directory);
  }

  /**
   * The resolved configuration the checkpoint was trained with, read; errors name it by {@link #origin}. A model
   * trained before {@code model.decoder} existed has the decoder of that time, {@code attention-after}, whatever
   * today's default.
   */
  public SettingsReader settings() {
    String text;
    try {
      text = Files.readString(configuration());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + describe(CONFIGURATION), e);
    }
    return SettingsReader.parse(text, describe(CONFIGURATION), predatesDecoderSetting(text)
        ? Map.of(DECODER_KEY, SettingsReader.settingName(DecoderKind.ATTENTION_AFTER)) : Map.of());
  }

  /** Whether {@code text} lacks {@code model.decoder}; text that does not parse is left to the settings reader. */
  private static boolean predatesDecoderSetting(String text) {
    try {
      return !ConfigFactory.parseString(text).hasPath(DECODER_KEY);
    } catch (ConfigException e) {
      return false;
    }
  }

  /** The file of the resolved configuration the checkpoint was trained with. */
  public Path configuration() {
    return directory.resolve(CONFIGURATION);
  }

  private static String stateJson(State state) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("epoch", state.epoch());
    json.put("step", state.step());
    json.put("train_loss", state.trainLoss());
    json.put("valid_perplexity", state.validPerplexity());
    if (!state.runId().isEmpty()) {
      json.put("run_id", state.runId());
    }
    Map<String, Object> validation = new LinkedHashMap<>();
    validation.put("best_epoch", state.validation().bestEpoch());
    validation.put("best_perplexity", state.validation().bestPerplexity());
    validation.put("plateau_decays", state.validation().decays());
    validation.put("stalled_epochs", state.validation().stalledEpochs());
    json.put("validation", validation);
    json.put("model_sha256", state.modelSha256());
    return Json.write(json);
  }

  private static State readState(Path file, String name) {
    try {
      Config c = ConfigFactory.parseString(Files.readString(file), ConfigParseOptions.defaults()
          .setSyntax(ConfigSyntax.JSON).setOriginDescription(name));
      String runId = c.hasPath("run_id") ? Names.recorded(name, "a run_id", c.getString("run_id")) : "";
      int epoch = c.getInt("epoch");
      double perplexity = c.hasPath("valid_perplexity") ? c.getDouble("valid_perplexity") : Double.NaN;
      // Checkpoints from before validation histories were recorded count their own epoch as the best.
      ValidationHistory validation = c.hasPath("validation") ? new ValidationHistory(
          c.getInt("validation.best_epoch"), c.hasPath("validation.best_perplexity")
          ? c.getDouble("validation.best_perplexity") : Double.POSITIVE_INFINITY,
          c.getInt("validation.plateau_decays"), c.getInt("validation.stalled_epochs"))
          : ValidationHistory.startingAt(epoch, perplexity);
      return new State(epoch, c.getLong("step"), c.getDouble("train_loss"), perplexity, runId, validation,
          c.getString("model_sha256"));
    } catch (ConfigException e) {
      throw new DataException(name + ": expected a checkpoint state, found " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + name, e);
    }
  }


  static String sha256(Path file) {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
        MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "checkpoint " + origin + " (epoch " + state.epoch() + ", step " + state.step() + ")";
  }

  /** Fails if a checkpoint claims more epochs than training asks for. */
  public static void requireResumable(Checkpoint checkpoint, int epochs) {
    if (checkpoint.state().epoch() > epochs) {
      throw new LifecycleException(checkpoint + ": expected at most train.epochs = " + epochs
          + " completed epochs to resume from, found " + checkpoint.state().epoch());
    }
  }
}
