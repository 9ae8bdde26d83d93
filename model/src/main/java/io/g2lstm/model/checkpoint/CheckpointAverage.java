package io.g2lstm.model.checkpoint;

import io.g2lstm.common.DataException;
import io.g2lstm.common.Json;
import io.g2lstm.common.TextFiles;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.common.fs.OutputOwner;
import io.g2lstm.common.fs.StagedDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The average of the last checkpoints of a training run, as fairseq's {@code average_checkpoints.py} and OpenNMT's
 * {@code average_models.py} make it: every parameter the mean of its values in the {@code n} latest epochs'
 * checkpoints, which usually translates better than any one of them. The result is a checkpoint directory of its
 * own (new or empty, like {@code compress}'s), with the latest checkpoint's state, optimizer state, configuration and
 * vocabularies, and {@value #RECORD} naming what was averaged.
 */
public final class CheckpointAverage {

  public static final String RECORD = "average.json";
  private static final OutputOwner OWNER = OutputOwner.newOrEmpty("average");

  private CheckpointAverage() {}

  /** The checkpoint directories under {@code output}'s {@code checkpoints}, by epoch. */
  static List<Path> epochs(Path output) {
    Path checkpoints = output.resolve(Checkpoint.DIRECTORY);
    if (!Files.isDirectory(checkpoints)) {
      throw new DataException(output + ": expected a training output (with " + Checkpoint.DIRECTORY + "/), found "
          + (Files.exists(output) ? "none" : "nothing there"));
    }
    try (Stream<Path> entries = Files.list(checkpoints)) {
      return entries.filter(p -> p.getFileName().toString().matches("epoch-\\d{3,}")
          && Files.isRegularFile(p.resolve(Checkpoint.STATE))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + checkpoints, e);
    }
  }

  /**
   * Averages the last {@code last} checkpoints of the training output {@code trainingOutput} into {@code target}.
   *
   * @param setting the option that named {@code target}, for messages
   * @return the checkpoints averaged, oldest first
   */
  public static List<Path> write(Path trainingOutput, int last, Path target, String setting) {
    List<Path> all = epochs(trainingOutput);
    if (all.size() < last) {
      throw new DataException(trainingOutput + ": expected at least " + last + " epoch checkpoints to average, found "
          + all.size());
    }
    OWNER.requireReplaceable(LocalFileStore.INSTANCE, target.toString(), setting);
    List<Path> chosen = all.subList(all.size() - last, all.size());
    Checkpoint latest = Checkpoint.open(chosen.get(chosen.size() - 1));
    ComputationGraph graph = latest.loadModel();
    INDArray sum = graph.params().dup();
    for (Path earlier : chosen.subList(0, chosen.size() - 1)) {
      INDArray parameters = Checkpoint.open(earlier).loadModel().params();
      if (!Arrays.equals(parameters.shape(), sum.shape())) {
        throw new DataException(earlier + ": expected a model of " + sum.length() + " parameters like "
            + latest.origin() + ", found " + parameters.length());
      }
      sum.addi(parameters);
    }
    graph.params().assign(sum.divi(chosen.size()));
    try (StagedDirectory staged = StagedDirectory.begin(LocalFileStore.INSTANCE, target.toString(), OWNER,
        setting)) {
      Path staging = Path.of(staged.path());
      Checkpoint.State state = latest.state();
      Checkpoint.writeDirectory(staging, graph, new Checkpoint.Progress(state.epoch(), state.step(),
          state.trainLoss(), Double.NaN, state.runId(), state.validation()), latest.directory(),
          Files.readString(latest.configuration()));
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("format", "g2lstm-average/1");
      List<String> sources = new ArrayList<>();
      chosen.forEach(p -> sources.add(p.toAbsolutePath().normalize().toString()));
      record.put("checkpoints", sources);
      TextFiles.write(staging.resolve(RECORD), out -> out.write(Json.write(record)));
      staged.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target, e);
    }
    return chosen;
  }
}
