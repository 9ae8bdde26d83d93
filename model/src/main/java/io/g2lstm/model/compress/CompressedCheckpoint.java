package io.g2lstm.model.compress;

import io.g2lstm.common.Directories;
import io.g2lstm.common.Json;
import io.g2lstm.common.LifecycleException;
import io.g2lstm.common.TextFiles;
import io.g2lstm.model.train.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
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

  private CompressedCheckpoint() {}

  /**
   * Compresses the model of {@code source} and writes the compressed checkpoint at {@code output}, which must not
   * exist or be an empty directory. The directory is written beside it under a temporary name and moved into place
   * when complete, so a failure leaves {@code output} as it was.
   */
  public static CompressionReport write(Checkpoint source, GateCompression method, Path output) {
    Path target = output.toAbsolutePath().normalize();
    requireNewOrEmpty(target);
    ComputationGraph graph = source.loadModel();
    CompressionReport report = GateCompressor.compressInPlace(graph, method);
    Path staging = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Checkpoint.State state = source.state();
      Checkpoint.writeDirectory(staging, graph, new Checkpoint.Progress(state.epoch(), state.step(),
          state.trainLoss(), Double.NaN, state.runId()), source.directory(),
          Files.readString(source.configuration()));
      TextFiles.write(staging.resolve(COMPRESSION), out -> out.write(json(source, report)));
      requireNewOrEmpty(target);
      boolean emptyDirectory = Files.deleteIfExists(target);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (emptyDirectory) {
          Files.createDirectory(target);
        }
        throw e;
      }
      return report;
    } catch (IOException e) {
      Directories.deleteTree(staging);
      throw new UncheckedIOException("writing the compressed checkpoint " + target, e);
    } catch (RuntimeException e) {
      Directories.deleteTree(staging);
      throw e;
    }
  }

  private static void requireNewOrEmpty(Path target) {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new LifecycleException(target + ": expected a new or empty directory for the compressed checkpoint, "
          + "found a file; it is left as it is");
    }
    try (Stream<Path> entries = Files.list(target)) {
      List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
      if (!names.isEmpty()) {
        throw new LifecycleException(target + ": expected a new or empty directory for the compressed checkpoint, "
            + "found one holding " + names + "; it is left as it is (choose another output or remove it)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + target, e);
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
