package io.g2lstm.model.gates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.G2Lstm;
import io.g2lstm.model.layer.G2LstmParamInitializer;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.prep.pipeline.Vocabulary;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The recorder on a tiny translation model (hidden size 6, so 3 per direction in the bidirectional encoder-0; two
 * layers each side; dropout and G² noise on, which inference must not use), in double precision.
 */
class GateRecorderTest {

  private static final int HIDDEN = 6;
  private static final int SOURCE_VOCABULARY = 9;
  private static final int TARGET_VOCABULARY = 10;
  private static final String[] LAYERS = {"encoder-0-forward", "encoder-0-backward", "encoder-1", "decoder-0",
      "decoder-1"};

  private static ComputationGraph g2;

  @BeforeAll
  static void model() {
    g2 = graph(GateMode.G2);
  }

  private static ComputationGraph graph(GateMode mode) {
    return graph(mode, DataType.DOUBLE);
  }

  private static ComputationGraph graph(GateMode mode, DataType dataType) {
    ModelSettings settings = new ModelSettings("gates", 4, HIDDEN, 2, 0.3, DecoderKind.ATTENTION_AFTER,
        new GateSettings(mode, GateSettings.defaultTemperature(mode), 0.5, 1e-3), 7);
    ComputationGraph graph = new ComputationGraph(TranslationGraph.configure(settings, SOURCE_VOCABULARY,
        TARGET_VOCABULARY, new NoOp(), dataType));
    graph.init();
    return graph;
  }

  /**
   * The layers inside the input-feeding decoder are recorded like plain ones: listed among the model's layers, one
   * value per unit and predicted token, in (0, 1), the same for a sentence alone and padded in a batch.
   */
  @ParameterizedTest
  @ValueSource(strings = {"decoder-0", "decoder-1"})
  void layersOfTheInputFeedingDecoderAreRecorded(String layer) {
    ModelSettings settings = new ModelSettings("gates", 4, HIDDEN, 2, 0.3, DecoderKind.INPUT_FEEDING,
        new GateSettings(GateMode.G2, 0.9, 0.5, 1e-3), 7);
    ComputationGraph graph = new ComputationGraph(TranslationGraph.configure(settings, SOURCE_VOCABULARY,
        TARGET_VOCABULARY, new NoOp(), DataType.DOUBLE));
    graph.init();
    assertTrue(GateLayer.available(graph).contains(layer), GateLayer.available(graph).toString());
    ParallelIds data = pairs();
    SentenceGates alone = recordOne(graph, layer, data, new int[] {1}, 0);
    SentenceGates padded = recordOne(graph, layer, data, new int[] {1, 0, 3}, 0);
    assertEquals(data.target()[1].length + 1, alone.positions());
    assertEquals(HIDDEN * alone.positions(), alone.input().length);
    assertArrayEquals(alone.input(), padded.input(), 1e-6f, "input gate");
    assertArrayEquals(alone.forget(), padded.forget(), 1e-6f, "forget gate");
    for (float v : alone.input()) {
      assertTrue(v > 0 && v < 1, "input gate value " + v);
    }
  }

  /** A graph of another gate mode with the parameters of {@link #g2}. */
  private static ComputationGraph sameWeights(GateMode mode) {
    ComputationGraph graph = graph(mode);
    graph.setParams(g2.params());
    return graph;
  }

  /** Pairs of different lengths on both sides, so every batch of two or more is padded. */
  private static ParallelIds pairs() {
    return new ParallelIds(new long[] {10, 11, 12, 13},
        new int[][] {{4, 5, 6}, {5, 6, 7, 8, 4, 5}, {7}, {8, 8, 4, 6, 5}},
        new int[][] {{4, 7}, {8, 5, 6, 9, 4}, {6, 6, 5}, {9}});
  }

  private static int units(String layer) {
    return layer.startsWith("encoder-0") ? HIDDEN / 2 : HIDDEN;
  }

  private static SentenceGates recordOne(ComputationGraph graph, String layer, ParallelIds data, int[] batch,
      int row) {
    return new GateRecorder(graph, GateLayer.of(layer, graph)).record(data, batch).get(row);
  }

  @ParameterizedTest
  @ValueSource(strings = {"encoder-0-forward", "encoder-0-backward", "encoder-1", "decoder-0", "decoder-1"})
  void paddingIsExcluded(String layer) {
    ParallelIds data = pairs();
    SentenceGates alone = recordOne(g2, layer, data, new int[] {0}, 0);
    SentenceGates padded = recordOne(g2, layer, data, new int[] {1, 0, 3}, 1);
    assertEquals(alone.positions(), padded.positions());
    assertArrayEquals(alone.tokens(), padded.tokens());
    assertArrayEquals(alone.input(), padded.input(), 1e-6f, "input gate");
    assertArrayEquals(alone.forget(), padded.forget(), 1e-6f, "forget gate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"encoder-0-forward", "encoder-0-backward", "encoder-1", "decoder-0", "decoder-1"})
  void countsAreRealTokensTimesUnits(String layer) {
    ParallelIds data = pairs();
    GateStatistics statistics = new GateRecorder(g2, GateLayer.of(layer, g2))
        .accumulate(data, 3, new GateStatistics(GateLayer.parse(layer)));
    long tokens = 0;
    for (int i = 0; i < data.size(); i++) {
      tokens += layer.startsWith("encoder") ? data.source()[i].length : data.target()[i].length + 1;
    }
    GateSummary summary = statistics.freeze();
    assertEquals(data.size(), summary.sentences());
    assertEquals(tokens, summary.positions());
    assertEquals(tokens * units(layer), summary.input().total());
    assertEquals(tokens * units(layer), summary.forget().total());
    long binned = 0;
    for (GateDistribution.Bin bin : summary.forget().bins()) {
      binned += bin.count();
    }
    assertEquals(tokens * units(layer), binned);
  }

  /** The batch through the whole graph in inference mode, leaving every layer's last pass in place. */
  private static Map<String, INDArray> inferencePass(ComputationGraph graph, MultiDataSet batch) {
    graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), null);
    return graph.feedForward(batch.getFeatures(), false, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"encoder-1", "decoder-0", "decoder-1"})
  void recordedValuesAreTheLayersGateValuesAtRealPositions(String layer) {
    ParallelIds data = pairs();
    int[] batch = {1, 0, 2};
    List<SentenceGates> recorded = new GateRecorder(g2, GateLayer.of(layer, g2)).record(data, batch);
    inferencePass(g2, Minibatches.encode(data, batch, DataType.DOUBLE));
    G2Lstm lstm = (G2Lstm) g2.getLayer(layer);
    INDArray input = lstm.gateValues(G2LstmParamInitializer.INPUT_GATE);
    INDArray forget = lstm.gateValues(G2LstmParamInitializer.FORGET_GATE);
    g2.clearLayerMaskArrays();
    g2.clearLayersStates();
    for (int row = 0; row < batch.length; row++) {
      SentenceGates sentence = recorded.get(row);
      assertEquals(data.sequenceIds()[batch[row]], sentence.sequenceId());
      assertEquals(HIDDEN, sentence.hiddenSize());
      for (int p = 0; p < sentence.positions(); p++) {
        for (int j = 0; j < HIDDEN; j++) {
          assertEquals(input.getDouble(row, j, p), sentence.input()[p * HIDDEN + j], 1e-6, "input " + p);
          assertEquals(forget.getDouble(row, j, p), sentence.forget()[p * HIDDEN + j], 1e-6, "forget " + p);
        }
      }
    }
  }

  /**
   * Each direction of encoder-0 against its own copy of the wrapped layer run alone on one sentence's embeddings:
   * forward in order, backward on the reversed sentence, so the backward direction's value at position p is the
   * alone run's at step n - 1 - p (it has read tokens n - 1 down to p).
   */
  @Test
  void bidirectionalDirectionsAreReadSeparately() {
    ParallelIds data = pairs();
    int[] batch = {3, 1, 0};
    List<SentenceGates> forward = new GateRecorder(g2, GateLayer.of("encoder-0-forward", g2)).record(data, batch);
    List<SentenceGates> backward = new GateRecorder(g2, GateLayer.of("encoder-0-backward", g2))
        .record(data, batch);
    INDArray embeddings = inferencePass(g2, Minibatches.encode(data, batch, DataType.DOUBLE))
        .get(TranslationGraph.SOURCE_EMBEDDING);
    g2.clearLayerMaskArrays();
    g2.clearLayersStates();
    int units = HIDDEN / 2;
    for (int row = 0; row < batch.length; row++) {
      int n = data.source()[batch[row]].length;
      INDArray sentence = embeddings.get(NDArrayIndex.interval(row, row + 1), NDArrayIndex.all(),
          NDArrayIndex.interval(0, n)).dup();
      INDArray reversed = sentence.get(NDArrayIndex.all(), NDArrayIndex.all(),
          NDArrayIndex.indices(descending(n))).dup();
      G2Lstm forwardCopy = alone("f", sentence);
      G2Lstm backwardCopy = alone("b", reversed);
      for (int p = 0; p < n; p++) {
        for (int j = 0; j < units; j++) {
          assertEquals(forwardCopy.gateValues(G2LstmParamInitializer.INPUT_GATE).getDouble(0, j, p),
              forward.get(row).input()[p * units + j], 1e-6);
          assertEquals(forwardCopy.gateValues(G2LstmParamInitializer.FORGET_GATE).getDouble(0, j, p),
              forward.get(row).forget()[p * units + j], 1e-6);
          assertEquals(backwardCopy.gateValues(G2LstmParamInitializer.INPUT_GATE).getDouble(0, j, n - 1 - p),
              backward.get(row).input()[p * units + j], 1e-6);
          assertEquals(backwardCopy.gateValues(G2LstmParamInitializer.FORGET_GATE).getDouble(0, j, n - 1 - p),
              backward.get(row).forget()[p * units + j], 1e-6);
        }
      }
      assertTrue(maxDifference(forward.get(row).input(), backward.get(row).input()) > 1e-3,
          "the directions have their own gates");
    }
  }

  private static long[] descending(int n) {
    long[] steps = new long[n];
    for (int t = 0; t < n; t++) {
      steps[t] = n - 1 - t;
    }
    return steps;
  }

  /**
   * A copy of one direction of encoder-0 ({@code prefix} f or b), outside any graph, after an inference pass on
   * {@code input} {@code [1, E, n]}.
   */
  private static G2Lstm alone(String prefix, INDArray input) {
    Bidirectional wrapper = (Bidirectional) g2.getLayer("encoder-0").conf().getLayer();
    NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
        .layer(wrapper.getFwd().clone()).build();
    long parameters = conf.getLayer().initializer().numParams(conf);
    G2Lstm layer = (G2Lstm) conf.getLayer().instantiate(conf, List.of(), 0,
        Nd4j.create(DataType.DOUBLE, 1, parameters), true, DataType.DOUBLE);
    for (String key : List.of(G2LstmParamInitializer.INPUT_WEIGHT_KEY, G2LstmParamInitializer.RECURRENT_WEIGHT_KEY,
        G2LstmParamInitializer.BIAS_KEY)) {
      layer.setParam(key, g2.getLayer("encoder-0").getParam(prefix + key));
    }
    layer.activate(input, false, LayerWorkspaceMgr.noWorkspaces());
    return layer;
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** Models train and run in single precision; the recorder reads their gates as it reads double ones. */
  @Test
  void singlePrecisionModelsRecordTheSameGates() {
    ParallelIds data = pairs();
    int[] batch = {3, 0, 1};
    ComputationGraph single = graph(GateMode.G2, DataType.FLOAT);
    single.setParams(g2.params().castTo(DataType.FLOAT));
    for (String layer : LAYERS) {
      List<SentenceGates> expected = new GateRecorder(g2, GateLayer.of(layer, g2)).record(data, batch);
      List<SentenceGates> recorded = new GateRecorder(single, GateLayer.of(layer, single)).record(data, batch);
      for (int row = 0; row < batch.length; row++) {
        assertArrayEquals(expected.get(row).input(), recorded.get(row).input(), 1e-5f, layer);
        assertArrayEquals(expected.get(row).forget(), recorded.get(row).forget(), 1e-5f, layer);
      }
    }
  }

  /** G²'s inference gates are sigmoid(a): those of a baseline model with the same parameters. */
  @ParameterizedTest
  @ValueSource(strings = {"encoder-0-backward", "encoder-1", "decoder-1"})
  void g2InferenceGatesAreTheBaselineGates(String layer) {
    ParallelIds data = pairs();
    int[] batch = {0, 1, 2, 3};
    List<SentenceGates> recorded = new GateRecorder(g2, GateLayer.of(layer, g2)).record(data, batch);
    ComputationGraph baseline = sameWeights(GateMode.BASELINE);
    List<SentenceGates> standard = new GateRecorder(baseline, GateLayer.of(layer, baseline)).record(data, batch);
    for (int row = 0; row < batch.length; row++) {
      assertArrayEquals(standard.get(row).input(), recorded.get(row).input(), 1e-6f);
      assertArrayEquals(standard.get(row).forget(), recorded.get(row).forget(), 1e-6f);
    }
  }

  /**
   * Recording is an inference pass: decoder-1 has dropout on its input and G² noise, yet recording twice gives the
   * same values (dropout would draw anew), and a training pass gives others.
   */
  @Test
  void recordingUsesNoDropoutOrNoise() {
    ParallelIds data = pairs();
    int[] batch = {1, 3};
    GateRecorder recorder = new GateRecorder(g2, GateLayer.parse("decoder-1"));
    SentenceGates first = recorder.record(data, batch).get(0);
    SentenceGates second = recorder.record(data, batch).get(0);
    assertArrayEquals(first.input(), second.input());
    assertArrayEquals(first.forget(), second.forget());

    MultiDataSet encoded = Minibatches.encode(data, batch, DataType.DOUBLE);
    g2.setLayerMaskArrays(encoded.getFeaturesMaskArrays(), null);
    g2.feedForward(encoded.getFeatures(), true, false);
    INDArray training = ((G2Lstm) g2.getLayer("decoder-1")).gateValues(G2LstmParamInitializer.INPUT_GATE);
    g2.clearLayerMaskArrays();
    g2.clearLayersStates();
    double largest = 0;
    for (int p = 0; p < first.positions(); p++) {
      for (int j = 0; j < HIDDEN; j++) {
        largest = Math.max(largest, Math.abs(training.getDouble(0, j, p) - first.input()[p * HIDDEN + j]));
      }
    }
    assertTrue(largest > 1e-3, "training gates differ by " + largest);
  }

  /** As in the layer's own tests: sigmoid(a / 0.2) lies further from 0.5 than sigmoid(a) with the same weights. */
  @ParameterizedTest
  @ValueSource(strings = {"encoder-0-forward", "decoder-0", "decoder-1"})
  void sharpenedGatesAreFurtherFromOneHalf(String layer) {
    ParallelIds data = pairs();
    int[] batch = {0, 1, 2, 3};
    ComputationGraph baseline = sameWeights(GateMode.BASELINE);
    ComputationGraph sharpened = sameWeights(GateMode.SHARPENED);
    List<SentenceGates> base = new GateRecorder(baseline, GateLayer.of(layer, baseline)).record(data, batch);
    List<SentenceGates> sharp = new GateRecorder(sharpened, GateLayer.of(layer, sharpened)).record(data, batch);
    assertTrue(distanceFromHalf(sharp, SentenceGates::input) > distanceFromHalf(base, SentenceGates::input),
        "input gate");
    assertTrue(distanceFromHalf(sharp, SentenceGates::forget) > distanceFromHalf(base, SentenceGates::forget),
        "forget gate");
  }

  /** The mean of {@code |v - 0.5|} over one gate's values in all sentences. */
  private static double distanceFromHalf(List<SentenceGates> sentences, Function<SentenceGates, float[]> gate) {
    double sum = 0;
    long n = 0;
    for (SentenceGates sentence : sentences) {
      for (float v : gate.apply(sentence)) {
        sum += Math.abs(v - 0.5);
        n++;
      }
    }
    return sum / n;
  }

  @Test
  void unknownLayersAreRefusedWithTheAvailableOnes() {
    assertEquals(List.of(LAYERS), GateLayer.available(g2));
    for (String name : List.of("decoder-2", "encoder-0", "encoder-1-forward", "attention")) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> GateLayer.of(name, g2));
      assertTrue(e.getMessage().contains("found '" + name + "'"), e.getMessage());
      for (String available : LAYERS) {
        assertTrue(e.getMessage().contains(available), e.getMessage());
      }
    }
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new GateRecorder(g2, new GateLayer("encoder-1", GateLayer.Direction.BACKWARD)));
    assertTrue(e.getMessage().contains("found 'encoder-1-backward'") && e.getMessage().contains("decoder-1"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"encoder-0-backward", "encoder-1", "decoder-0"})
  void tokenMeansAreUnitMeansOfTheGatesAtEachRealPosition(String layer, @TempDir Path dir) throws IOException {
    ParallelIds data = pairs();
    int[] batch = {2, 1, 0};
    List<SentenceGates> recorded = new GateRecorder(g2, GateLayer.of(layer, g2)).record(data, batch);
    boolean decoder = layer.startsWith("decoder");
    INDArray input = null;
    INDArray forget = null;
    if (!layer.equals("encoder-0-backward")) {
      inferencePass(g2, Minibatches.encode(data, batch, DataType.DOUBLE));
      input = ((G2Lstm) g2.getLayer(layer)).gateValues(G2LstmParamInitializer.INPUT_GATE);
      forget = ((G2Lstm) g2.getLayer(layer)).gateValues(G2LstmParamInitializer.FORGET_GATE);
      g2.clearLayerMaskArrays();
      g2.clearLayersStates();
    }
    TranslationAssets assets = TranslationAssets.load(assets(dir));
    for (int row = 0; row < batch.length; row++) {
      int[] source = data.source()[batch[row]];
      int[] target = data.target()[batch[row]];
      SentenceGateMeans means = recorded.get(row).tokenMeans();
      assertEquals(data.sequenceIds()[batch[row]], means.sequenceId());
      assertEquals(decoder ? target.length + 1 : source.length, means.tokens().size(), "one per real position");
      List<String> subwords = means.subwords(assets);
      for (int p = 0; p < means.tokens().size(); p++) {
        TokenGateMean token = means.tokens().get(p);
        assertEquals(p, token.position());
        int expectedId = !decoder ? source[p] : p < target.length ? target[p] : Vocabulary.EOS_ID;
        assertEquals(expectedId, token.tokenId(), "the token at position " + p);
        Vocabulary vocabulary = decoder ? assets.targetVocabulary() : assets.sourceVocabulary();
        assertEquals(vocabulary.token(expectedId), subwords.get(p));
        if (input != null) {
          assertEquals(unitMean(input, row, p), token.input(), 1e-6, "input mean at " + p);
          assertEquals(unitMean(forget, row, p), token.forget(), 1e-6, "forget mean at " + p);
        } else {
          // The backward direction's values themselves are checked in bidirectionalDirectionsAreReadSeparately.
          assertEquals(mean(recorded.get(row).input(), p, HIDDEN / 2), token.input(), 1e-12);
          assertEquals(mean(recorded.get(row).forget(), p, HIDDEN / 2), token.forget(), 1e-12);
        }
      }
      if (decoder) {
        assertEquals(Vocabulary.EOS, subwords.get(subwords.size() - 1), "the last step predicts </s>");
      }
    }
  }

  private static double unitMean(INDArray gates, int row, int step) {
    return gates.get(NDArrayIndex.point(row), NDArrayIndex.all(), NDArrayIndex.point(step)).meanNumber()
        .doubleValue();
  }

  private static double mean(float[] values, int position, int units) {
    double sum = 0;
    for (int j = 0; j < units; j++) {
      sum += values[position * units + j];
    }
    return sum / units;
  }

  /** A prepared-data directory with what {@link TranslationAssets#load} reads, vocabularies of the model's sizes. */
  private static Path assets(Path dir) throws IOException {
    Files.writeString(dir.resolve(PrepareManifest.MANIFEST), "{\"format\": \"" + PrepareManifest.FORMAT + "\", "
        + "\"source_language\": \"en\", \"target_language\": \"de\", "
        + "\"tokenizer\": {\"aggressive_hyphen_split\": true, \"escape\": true}}\n");
    Files.writeString(dir.resolve(PrepareManifest.BPE_CODES), "#version: 0.2\n");
    writeVocabulary(dir.resolve(PrepareManifest.SOURCE_VOCABULARY), "src", SOURCE_VOCABULARY);
    writeVocabulary(dir.resolve(PrepareManifest.TARGET_VOCABULARY), "tgt", TARGET_VOCABULARY);
    return dir;
  }

  private static void writeVocabulary(Path file, String prefix, int size) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < size - 4; i++) {
      counts.put(prefix + i + "@@", 100L - i);
    }
    try (Writer out = Files.newBufferedWriter(file)) {
      Vocabulary.fromCounts(counts, size).write(out);
    }
  }
}
