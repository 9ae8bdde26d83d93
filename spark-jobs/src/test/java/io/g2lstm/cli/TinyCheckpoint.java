package io.g2lstm.cli;

import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.ValidationHistory;
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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A training output holding one checkpoint of an initialised, untrained tiny model (embeddings of 4, hidden size 6,
 * one layer, G² gates) over vocabularies of {@code w0} ... {@code w5}, for tests of the model commands.
 */
final class TinyCheckpoint {

  static final String CONFIGURATION = "model { name = tiny, embedding-size = 4, hidden-size = 6, layers = 1,"
      + " dropout = 0.0, seed = 5 }\n";

  private TinyCheckpoint() {}

  /** Writes {@code <dir>/data} (the assets) and {@code <dir>/train} (the training output) and returns the latter. */
  static Path write(Path dir) {
    try {
      Path assets = Files.createDirectories(dir.resolve("data"));
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
      ModelSettings model = new ModelSettings("tiny", 4, 6, 1, 0.0, DecoderKind.ATTENTION_AFTER,
          new GateSettings(GateMode.G2, 0.9, 0.2, 1e-3), 5);
      ComputationGraph graph = new ComputationGraph(TranslationGraph.configure(model, 10, 10, new Adam(0.01),
          DataType.FLOAT));
      graph.init();
      Path train = dir.resolve("train");
      Checkpoint.write(train, graph, new Checkpoint.Progress(1, 10, 2.0, 7.0, "",
          ValidationHistory.startingAt(1, 7.0)), assets, CONFIGURATION);
      return train;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
