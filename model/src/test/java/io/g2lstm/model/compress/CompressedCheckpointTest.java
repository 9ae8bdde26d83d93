package io.g2lstm.model.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.LifecycleException;
import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.ValidationHistory;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.prep.pipeline.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/** Writing a compressed checkpoint from a freshly initialised one. */
class CompressedCheckpointTest {

  @TempDir
  Path dir;

  private static final String CONFIGURATION = "model { name = tiny, embedding-size = 4, hidden-size = 6, layers = 1,"
      + " dropout = 0.0, seed = 5 }\n";

  /** A training output with one checkpoint (epoch 2) of an initialised model over a 10-word vocabulary. */
  private Checkpoint source() throws IOException {
    Path assets = dir.resolve("data");
    Files.createDirectories(assets);
    Files.writeString(assets.resolve(PrepareManifest.MANIFEST), "{\"format\": \"" + PrepareManifest.FORMAT
        + "\", \"source_language\": \"en\", \"target_language\": \"de\", "
        + "\"tokenizer\": {\"aggressive_hyphen_split\": true, \"escape\": true}}\n");
    Files.writeString(assets.resolve(PrepareManifest.BPE_CODES), "#version: 0.2\n");
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      counts.put("w" + i, 10L - i);
    }
    for (String file : List.of(PrepareManifest.SOURCE_VOCABULARY, PrepareManifest.TARGET_VOCABULARY)) {
      try (Writer out = Files.newBufferedWriter(assets.resolve(file))) {
        Vocabulary.fromCounts(counts, 10).write(out);
      }
    }
    ModelSettings model = new ModelSettings("tiny", 4, 6, 1, 0.0,
        DecoderKind.ATTENTION_AFTER, new GateSettings(GateMode.G2, 0.9, 0.2, 1e-3), 5);
    ComputationGraph graph = new ComputationGraph(TranslationGraph.configure(model, 10, 10, new Adam(0.01),
        DataType.FLOAT));
    graph.init();
    return Checkpoint.write(dir.resolve("train"), graph, new Checkpoint.Progress(2, 40, 1.5, 4.25, "run-7",
        ValidationHistory.startingAt(2, 4.25)), assets,
        CONFIGURATION);
  }

  private static Config json(Path file) {
    return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesACheckpointWithCompressedGatesAndItsRecord() throws IOException {
    Checkpoint source = source();
    Path output = dir.resolve("compressed");
    CompressionReport report = CompressedCheckpoint.write(source, new GateCompression.RoundClip(0.125, 0.25), output,
        "output", "method");

    Checkpoint written = Checkpoint.open(output);
    assertEquals(List.of("bpe.codes", "compression.json", "manifest.json", "model.zip", "state.json", "train.conf",
        "vocab.src", "vocab.tgt"), listing(output));
    assertEquals(List.of("compressed", "data", "train"), listing(dir), "no staging directory is left");
    assertEquals(2, written.state().epoch());
    assertEquals(40, written.state().step());
    assertEquals("run-7", written.state().runId());
    assertTrue(Double.isNaN(written.state().validPerplexity()), "perplexity of the uncompressed model is dropped");
    assertEquals(CONFIGURATION, Files.readString(written.configuration()));
    assertEquals(TranslationAssets.load(source.directory()), written.assets());

    ComputationGraph before = source.loadModel();
    ComputationGraph after = written.loadModel();
    for (GateBlock block : report.blocks()) {
      INDArray weights = after.getLayer(block.layer()).getParam(block.parameterKey());
      long h = weights.size(1) / 4;
      for (int gate = 0; gate < 4; gate++) {
        float[] stored = weights.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * h, (gate + 1) * h)).dup()
            .data().asFloat();
        float[] original = before.getLayer(block.layer()).getParam(block.parameterKey())
            .get(NDArrayIndex.all(), NDArrayIndex.interval(gate * h, (gate + 1) * h)).dup().data().asFloat();
        if (gate == block.gate().columnBlock()) {
          for (int i = 0; i < stored.length; i++) {
            assertEquals((float) Math.min(0.25, Math.max(-0.25, Math.rint(original[i] / 0.125) * 0.125)), stored[i],
                block.label());
          }
        } else if (gate == 0 || gate == 3) {
          assertArrayEquals(original, stored, block.label() + " gate " + gate);
        }
      }
    }

    Config record = json(output.resolve(CompressedCheckpoint.COMPRESSION));
    assertEquals(CompressedCheckpoint.FORMAT, record.getString("format"));
    assertEquals("round-clip", record.getString("method"));
    assertEquals(0.125, record.getDouble("settings.step"));
    assertEquals(0.25, record.getDouble("settings.clip"));
    assertEquals(source.directory().toAbsolutePath().toString(), record.getString("source_checkpoint"));
    assertEquals(source.state().modelSha256(), record.getString("source_model_sha256"));
    assertEquals(report.compressionRatio(), record.getDouble("compression_ratio"));
    assertEquals(report.parameters(), record.getLong("gate_parameters"));
    assertEquals(report.maxAbsoluteChange(), record.getDouble("max_abs_change"));
    // encoder-0 in two directions and decoder-0, four blocks each
    assertEquals(12, record.getConfigList("blocks").size());
    Config first = record.getConfigList("blocks").stream()
        .filter(b -> b.getString("layer").equals("encoder-0") && b.getString("direction").equals("backward")
            && b.getString("gate").equals("forget") && b.getString("weights").equals("RW")).findFirst().orElseThrow();
    assertEquals(List.of(3, 3), List.of(first.getInt("rows"), first.getInt("columns")));
  }

  @Test
  void anEmptyOutputDirectoryIsUsed() throws IOException {
    Path output = Files.createDirectories(dir.resolve("empty"));
    CompressedCheckpoint.write(source(), new GateCompression.LowRank(1), output, "output", "method");
    assertEquals("svd", json(output.resolve(CompressedCheckpoint.COMPRESSION)).getString("method"));
    Checkpoint.open(output);
  }

  @Test
  void aNonEmptyOutputIsLeftAsItWas() throws IOException {
    Checkpoint source = source();
    Path output = dir.resolve("taken");
    Files.createDirectories(output);
    Files.writeString(output.resolve("notes.txt"), "mine\n");
    LifecycleException e = assertThrows(LifecycleException.class,
        () -> CompressedCheckpoint.write(source, new GateCompression.Round(0.5), output, "output", "method"));
    assertTrue(e.getMessage().contains(output.toString()) && e.getMessage().contains("expected a new or empty "
        + "directory") && e.getMessage().contains("notes.txt"), e.getMessage());
    assertEquals(List.of("notes.txt"), listing(output));
    assertEquals("mine\n", Files.readString(output.resolve("notes.txt")));
    Path file = dir.resolve("file");
    Files.writeString(file, "x");
    LifecycleException onFile = assertThrows(LifecycleException.class,
        () -> CompressedCheckpoint.write(source, new GateCompression.Round(0.5), file, "output", "method"));
    assertTrue(onFile.getMessage().contains("found a file"), onFile.getMessage());
  }

  @Test
  void aFailedCompressionLeavesNothingBehind() throws IOException {
    Checkpoint source = source();
    Path output = dir.resolve("out");
    // encoder-0 has 3 units per direction: rank 4 cannot be had, and nothing is written
    assertThrows(ConfigurationException.class,
        () -> CompressedCheckpoint.write(source, new GateCompression.LowRank(4), output, "output", "method"));
    assertEquals(List.of("data", "train"), listing(dir));
    // a checkpoint that lost its BPE codes fails while the copy is staged: the staging directory goes too
    Files.delete(source.directory().resolve(PrepareManifest.BPE_CODES));
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> CompressedCheckpoint.write(source, new GateCompression.Round(0.5), output, "output", "method"));
    assertTrue(e.getMessage().contains(output.toString()), e.getMessage());
    assertFalse(Files.exists(output));
    assertEquals(List.of("data", "train"), listing(dir));
  }
}
