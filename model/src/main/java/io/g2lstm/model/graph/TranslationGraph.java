package io.g2lstm.model.graph;

import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.layer.G2LstmLayer;
import io.g2lstm.model.layer.InputFeedingDecoder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Builds the attentional encoder-decoder as a DL4J {@code ComputationGraph} configuration:
 *
 * <pre>
 *   source ids [b, S] -> source embedding -> encoder-0 (bidirectional, H/2 per direction, concatenated)
 *                     -> encoder-1 .. encoder-(L-1) (H)                                     = encoder states
 *   target ids [b, T] (&lt;s&gt; y1 .. y(T-1)) -> target embedding -> decoder-0 .. decoder-(L-1) (H) = decoder states
 *   attention(decoder states, encoder states) -> attentional hidden states (H) -> softmax over the target vocabulary
 * </pre>
 *
 * With {@code model.decoder = input-feeding} the decoder layers and the attention are one vertex,
 * {@link InputFeedingDecoder}, between the target embedding (and the encoder states) and the softmax.
 *
 * <p>Every recurrent layer is a G²-LSTM layer with the model's gate settings. Dropout applies to the input of every
 * recurrent layer (the embeddings, and between layers) and to the attentional hidden states. The loss (sparse softmax
 * cross-entropy) ignores padded target positions through the label mask.
 */
public final class TranslationGraph {

  public static final String SOURCE = "source";
  public static final String TARGET_IN = "target-in";
  public static final String SOURCE_EMBEDDING = "source-embedding";
  public static final String TARGET_EMBEDDING = "target-embedding";
  public static final String ATTENTION = "attention";
  /** The input-feeding decoder vertex, which holds the decoder layers and the attention (model.decoder). */
  public static final String DECODER = "decoder";
  public static final String OUTPUT = "output";

  private TranslationGraph() {}

  public static String encoderLayer(int i) {
    return "encoder-" + i;
  }

  public static String decoderLayer(int i) {
    return "decoder-" + i;
  }

  /** The graph configuration for the given vocabulary sizes, optimizer and numeric type, without label smoothing. */
  public static ComputationGraphConfiguration configure(ModelSettings model, int sourceVocabulary,
      int targetVocabulary, IUpdater updater, DataType dataType) {
    return configure(model, sourceVocabulary, targetVocabulary, updater, dataType, 0);
  }

  /** The graph configuration, its training loss smoothed by {@code labelSmoothing} (see {@link SoftmaxOutputLayer}). */
  public static ComputationGraphConfiguration configure(ModelSettings model, int sourceVocabulary,
      int targetVocabulary, IUpdater updater, DataType dataType, double labelSmoothing) {
    int h = model.hiddenSize();
    int e = model.embeddingSize();
    int layers = model.layers();
    ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
        .seed(model.seed())
        .dataType(dataType)
        .updater(updater)
        .weightInit(WeightInit.XAVIER)
        .graphBuilder()
        .addInputs(SOURCE, TARGET_IN)
        // The inputs hold token ids; DL4J infers the embedding layers' nIn from these sizes, so they are the
        // vocabulary sizes.
        .setInputTypes(InputType.recurrent(sourceVocabulary), InputType.recurrent(targetVocabulary));

    graph.addLayer(SOURCE_EMBEDDING, new EmbeddingSequenceLayer.Builder().nIn(sourceVocabulary).nOut(e).build(),
        SOURCE);
    graph.addLayer(encoderLayer(0), new Bidirectional(Bidirectional.Mode.CONCAT, recurrent(model, e, h / 2)),
        SOURCE_EMBEDDING);
    for (int i = 1; i < layers; i++) {
      graph.addLayer(encoderLayer(i), recurrent(model, h, h), encoderLayer(i - 1));
    }

    graph.addLayer(TARGET_EMBEDDING, new EmbeddingSequenceLayer.Builder().nIn(targetVocabulary).nOut(e).build(),
        TARGET_IN);
    String attentional = switch (model.decoder()) {
      case ATTENTION_AFTER -> {
        graph.addLayer(decoderLayer(0), recurrent(model, e, h), TARGET_EMBEDDING);
        for (int i = 1; i < layers; i++) {
          graph.addLayer(decoderLayer(i), recurrent(model, h, h), decoderLayer(i - 1));
        }
        graph.addVertex(ATTENTION, new LuongAttention(h, h, updater), decoderLayer(layers - 1),
            encoderLayer(layers - 1));
        yield ATTENTION;
      }
      case INPUT_FEEDING -> {
        GateSettings gate = model.gate();
        graph.addVertex(DECODER, new InputFeedingDecoder(e, h, layers, gate.mode(), gate.temperature(),
            gate.noiseProbability(), gate.epsilon(), model.seed(), model.dropout(), updater), TARGET_EMBEDDING,
            encoderLayer(layers - 1));
        yield DECODER;
      }
    };
    graph.addLayer(OUTPUT, SoftmaxOutputLayer.of(h, targetVocabulary, model.dropout(), labelSmoothing),
        attentional);
    return graph.setOutputs(OUTPUT).build();
  }

  /** A recurrent layer with dropout on its input (the embeddings, or the layer below), as OpenNMT applies it. */
  private static BaseRecurrentLayer recurrent(ModelSettings model, int in, int out) {
    GateSettings gate = model.gate();
    G2LstmLayer.Builder layer = new G2LstmLayer.Builder().nIn(in).nOut(out).gateMode(gate.mode())
        .temperature(gate.temperature()).noiseProbability(gate.noiseProbability()).epsilon(gate.epsilon())
        .noiseSeed(model.seed());
    if (model.dropout() > 0) {
      layer.dropOut(1.0 - model.dropout());
    }
    return layer.build();
  }
}
