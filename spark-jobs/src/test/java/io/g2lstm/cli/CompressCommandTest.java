package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.compress.CompressedCheckpoint;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.G2LstmParamInitializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@code g2lstm compress} on a {@link TinyCheckpoint} (encoder-0 has 3 units per direction). */
class CompressCommandTest {

  @TempDir
  Path dir;

  private Path train;

  /** The weight matrices of the G²-LSTM layers, by graph layer. */
  private static final Map<String, List<String>> GATE_WEIGHTS = Map.of(
      TranslationGraph.encoderLayer(0), List.of("fW", "fRW", "bW", "bRW"),
      TranslationGraph.decoderLayer(0), List.of("W", "RW"));

  @BeforeEach
  void checkpoint() {
    train = TinyCheckpoint.write(dir);
  }

  private String run(int expectedStatus, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(expectedStatus, status, message);
    return message;
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static float[] gate(ComputationGraph graph, String layer, String key, int gate) {
    INDArray weights = graph.getLayer(layer).getParam(key);
    long h = weights.size(1) / 4;
    return weights.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * h, (gate + 1) * h)).dup().data().asFloat();
  }

  @Test
  void writesACheckpointWithCompressedGatesThatTranslates() throws IOException {
    Path output = dir.resolve("compressed");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ModelCommands.compress(List.of("--model", train.toString(), "--method", "round-clip", "--output",
        output.toString()), new PrintStream(stdout, true, StandardCharsets.UTF_8));
    String summary = stdout.toString(StandardCharsets.UTF_8);
    assertTrue(summary.startsWith("compress: round-clip (step 0.5, clip 1.0): 12 gate blocks, ")
        && summary.contains("compression ratio ") && summary.endsWith("wrote " + output + "\n"), summary);

    Checkpoint written = Checkpoint.open(output);
    Config record = ConfigFactory.parseFile(output.resolve(CompressedCheckpoint.COMPRESSION).toFile(),
        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    assertEquals("round-clip", record.getString("method"));
    assertEquals(0.5, record.getDouble("settings.step"));
    assertEquals(1.0, record.getDouble("settings.clip"));
    assertEquals(Checkpoint.latest(train).orElseThrow().directory().toAbsolutePath().toString(),
        record.getString("source_checkpoint"));

    ComputationGraph before = Checkpoint.open(train).loadModel();
    ComputationGraph after = written.loadModel();
    List<Float> compressedValues = new ArrayList<>();
    for (Map.Entry<String, List<String>> layer : GATE_WEIGHTS.entrySet()) {
      for (String key : layer.getValue()) {
        for (int g : List.of(G2LstmParamInitializer.OUTPUT_GATE, G2LstmParamInitializer.CANDIDATE)) {
          assertArrayEquals(gate(before, layer.getKey(), key, g), gate(after, layer.getKey(), key, g));
        }
        for (int g : List.of(G2LstmParamInitializer.INPUT_GATE, G2LstmParamInitializer.FORGET_GATE)) {
          for (float v : gate(after, layer.getKey(), key, g)) {
            compressedValues.add(v);
          }
        }
      }
    }
    for (float v : compressedValues) {
      assertTrue(Set.of(-1f, -0.5f, 0f, 0.5f, 1f).contains(v == 0 ? 0f : v), "off the grid: " + v);
    }
    // 4 blocks [4, 3] and [3, 3] per direction in encoder-0, [4, 6] and [6, 6] in decoder-0
    assertEquals(2 * 2 * (12 + 9) + 2 * (24 + 36), compressedValues.size());

    ByteArrayOutputStream translations = new ByteArrayOutputStream();
    ModelCommands.translate(List.of("--model", output.toString(), "--beam", "2"),
        new ByteArrayInputStream("w0 w1 w2\n\nw3\n".getBytes(StandardCharsets.UTF_8)), translations);
    List<String> lines = translations.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), lines.toString());
    assertEquals("", lines.get(1), "blank lines stay blank");
  }

  @Test
  void aSecondRunToTheSameOutputFailsAndLeavesIt() throws IOException {
    Path output = dir.resolve("svd");
    String[] args = {"compress", "--model", train.toString(), "--method", "svd", "--rank", "2", "--output",
        output.toString()};
    run(0, args);
    List<String> files = listing(output);
    byte[] model = Files.readAllBytes(output.resolve(Checkpoint.MODEL));
    String message = run(1, args);
    assertTrue(message.startsWith("g2lstm compress: error: --output " + output
        + ": expected a new or empty directory") && message.contains("left as it is"), message);
    assertEquals(files, listing(output));
    assertArrayEquals(model, Files.readAllBytes(output.resolve(Checkpoint.MODEL)));
    assertEquals(List.of("data", "svd", "train"), listing(dir));
  }

  @Test
  void badOptionsAreUsageErrorsNamingTheOption() throws IOException {
    String output = dir.resolve("out").toString();
    String model = train.toString();
    String message = run(2, "compress", "--model", model, "--method", "zip", "--output", output);
    assertTrue(message.contains("option --method") && message.contains("round, round-clip, svd")
        && message.contains("found 'zip'"), message);
    message = run(2, "compress", "--model", model, "--method", "svd", "--output", output);
    assertTrue(message.contains("expected option --rank"), message);
    message = run(2, "compress", "--model", model, "--method", "svd", "--rank", "0", "--output", output);
    assertTrue(message.contains("option --rank") && message.contains("found '0'"), message);
    message = run(2, "compress", "--model", model, "--method", "svd", "--rank", "4", "--output", output);
    assertTrue(message.contains("--method svd --rank 4") && message.contains("expected at most 3")
        && message.contains("found 4"), message);
    message = run(2, "compress", "--model", model, "--method", "round", "--rank", "2", "--output", output);
    assertTrue(message.contains("option --rank") && message.contains("only with --method svd"), message);
    message = run(2, "compress", "--model", model, "--method", "round-clip", "--clip", "-1", "--output", output);
    assertTrue(message.contains("option --clip") && message.contains("found '-1'"), message);
    message = run(2, "compress", "--model", model, "--method", "round", "--step", "x", "--output", output);
    assertTrue(message.contains("option --step") && message.contains("found 'x'"), message);
    assertFalse(Files.exists(dir.resolve("out")));
    assertEquals(List.of("data", "train"), listing(dir));
  }

  @Test
  void usageListsTheCommand() {
    assertTrue(Main.usage(Optional.empty()).contains("compress --model CHECKPOINT --method round|round-clip|svd"));
  }
}
