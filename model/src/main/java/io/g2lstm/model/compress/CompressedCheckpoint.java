package io.g2lstm.model.compress;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.Json;
import io.g2lstm.common.TextFiles;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.common.fs.OutputOwner;
import io.g2lstm.common.fs.StagedDirectory;
import io.g2lstm.model.checkpoint.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A checkpoint directory whose model has compressed gate blocks: the files of the source {@link Checkpoint} (model
 * with optimizer state, {@code state.json}, {@code train.conf}, vocabularies, BPE codes and manifest), so that it
 * translates like any checkpoint, plus {@code compression.json}: the method, its settings, the source checkpoint, the
 * compression ratio and the blocks. Result tables tell it from its source by {@code variant} ({@code svd-16}).
 *
 * <p>{@code state.json} keeps the source's epoch, step, training loss and run id; its validation perplexity is left
 * out, as it was measured on the uncompressed model.
 */
public final class CompressedCheckpoint {

  public static final String COMPRESSION = "compression.json";
  public static final String FORMAT = "g2lstm-compression/1";
  /** A compressed checkpoint never replaces anything: its output must be new or an empty directory. */
  private static final OutputOwner OWNER = OutputOwner.newOrEmpty("compress");

  private CompressedCheckpoint() {}

  /**
   * Compresses the model of {@code source} and writes the compressed checkpoint at {@code output}, which must not
   * exist or be an empty directory. The directory is written beside it under a temporary name and moved into place
   * when complete (see {@link StagedDirectory}), so a failure leaves {@code output} as it was.
   *
   * @param setting the option or setting that named the output, for messages
   * @param methodSetting the options or settings that chose the method, named when it does not fit the model (a
   *     rank above a gate block's smaller side)
   */
  public static CompressionReport write(Checkpoint source, GateCompression method, Path output, String setting,
      String methodSetting) {
    OWNER.requireReplaceable(LocalFileStore.INSTANCE, output.toString(), setting);
    ComputationGraph graph = source.loadModel();
    CompressionReport report;
    try {
      report = GateCompressor.compressInPlace(graph, method);
    } catch (ConfigurationException e) {
      throw new ConfigurationException(methodSetting + ": " + e.getMessage(), e);
    }
    try (StagedDirectory staged = StagedDirectory.begin(LocalFileStore.INSTANCE, output.toString(), OWNER,
        setting)) {
      Path staging = Path.of(staged.path());
      Checkpoint.State state = source.state();
      Checkpoint.writeDirectory(staging, graph, new Checkpoint.Progress(state.epoch(), state.step(),
          state.trainLoss(), Double.NaN, state.runId(), state.validation()), source.directory(),
          Files.readString(source.configuration()));
      TextFiles.write(staging.resolve(COMPRESSION), out -> out.write(json(source, report)));
      staged.commit();
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the compressed checkpoint " + output, e);
    }
  }

  private static String json(Checkpoint source, CompressionReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("method", report.method().name());
    json.put("variant", report.method().variant());
    json.put("settings", report.method().settings());
    json.put("source_checkpoint", source.directory().toAbsolutePath().normalize().toString());
    json.put("source_model_sha256", source.state().modelSha256());
    json.put("compression_ratio", report.compressionRatio());
    json.put("gate_parameters", report.parameters());
    json.put("max_abs_change", report.maxAbsoluteChange());
    List<Map<String, Object>> blocks = new ArrayList<>();
    for (GateBlock block : report.blocks()) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("layer", block.layer());
      b.put("direction", block.direction());
      b.put("gate", block.gate());
      b.put("weights", block.weights().key());
      b.put("rows", block.rows());
      b.put("columns", block.columns());
      blocks.add(b);
    }
    json.put("blocks", blocks);
    return Json.write(json);
  }
}
