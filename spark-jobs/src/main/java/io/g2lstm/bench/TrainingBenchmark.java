package io.g2lstm.bench;

import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.model.decode.GraphStepDecoder;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.train.GlobalNormClipping;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.AdaDelta;

/**
 * Measures training and decoding speed of a model configuration on random sentence pairs of fixed lengths. Prints
 * nothing; the {@code bench} command formats the result and sets it beside the machine's ceiling and the peer.
 */
public final class TrainingBenchmark {

  /**
   * Medians over the measured rounds.
   *
   * @param stepSeconds one training step (forward, backward, update) on a minibatch
   * @param targetTokensPerSecond target tokens ({@code </s>} included) trained per second
   * @param modelGflops useful floating-point work of a training step per second (see {@link #trainingFlops})
   * @param greedySentencesPerSecond greedy decoding
   * @param beamSentencesPerSecond beam-5 decoding
   */
  public record Result(double stepSeconds, double targetTokensPerSecond, double modelGflops,
      double greedySentencesPerSecond, double beamSentencesPerSecond) {}

  private TrainingBenchmark() {}

  /**
   * @param model the model configuration (the paper's IWSLT14 one for the figure)
   * @param vocabulary source and target vocabulary size
   * @param batchSize sentence pairs per minibatch
   * @param sourceLength subwords per source sentence
   * @param targetLength subwords per target sentence
   */
  public static Result run(ModelSettings model, int vocabulary, int batchSize, int sourceLength, int targetLength,
      int warmup, int rounds) {
    ComputationGraph graph = new ComputationGraph(
        TranslationGraph.configure(model, vocabulary, vocabulary, new AdaDelta(), DataType.FLOAT));
    graph.init();
    graph.setListeners(new GlobalNormClipping(2.0));
    ParallelIds data = randomPairs(batchSize, vocabulary, sourceLength, targetLength);
    int[] all = new int[batchSize];
    Arrays.setAll(all, i -> i);
    MultiDataSet batch = Minibatches.encode(data, all, DataType.FLOAT);
    double step = Measurement.run(warmup, rounds, figures -> figures.time("step", () -> graph.fit(batch)))
        .median("step");
    long tokens = (long) batchSize * (targetLength + 1);
    double flops = trainingFlops(model, vocabulary, batchSize, sourceLength, targetLength + 1);

    GraphStepDecoder decoder = new GraphStepDecoder(graph, model.layers());
    int[][] sources = Arrays.copyOf(data.source(), Math.min(32, batchSize));
    double greedy = decodingRate(decoder, new BeamSearch(1, 0, 1.0, 0), sources);
    double beam = decodingRate(decoder, new BeamSearch(5, 0, 1.0, 0), sources);
    return new Result(step, tokens / step, flops / step / 1e9, greedy, beam);
  }

  /**
   * Multiply-adds of a training step, times two (FLOPs), counting the matrix products only: forward through
   * embeddings-free recurrences (with the fed attentional state and initial states of the input-feeding decoder),
   * attention and output layer, and twice that again for the backward pass.
   */
  public static double trainingFlops(ModelSettings model, int vocabulary, int batchSize, int sourceLength,
      int targetLength) {
    double e = model.embeddingSize();
    double h = model.hiddenSize();
    double perSource = 2 * 2 * (e + h / 2) * 4 * (h / 2); // two directions of half size
    // input feeding adds the previous attentional state to the first decoder layer's input
    double fed = model.decoder() == DecoderKind.INPUT_FEEDING ? h : 0;
    double perTarget = 2 * (e + fed + h) * 4 * h;
    for (int l = 1; l < model.layers(); l++) {
      perSource += 2 * (2 * h) * 4 * h;
      perTarget += 2 * (2 * h) * 4 * h;
    }
    perTarget += 2 * h * h + 2 * 2 * h * sourceLength + 2 * (2 * h) * h; // attention scores, context, output
    perTarget += 2 * h * vocabulary; // softmax layer
    // the input-feeding decoder's initial states, tanh(Winit_l mean(enc) + binit_l)
    double perSentence = model.decoder() == DecoderKind.INPUT_FEEDING ? 2 * h * h * model.layers() : 0;
    double forward = batchSize * (perSentence + perSource * sourceLength + perTarget * targetLength);
    return 3 * forward;
  }

  private static double decodingRate(GraphStepDecoder decoder, BeamSearch search, int[][] sources) {
    return sources.length / Measurement.run(1, 1, figures -> figures.time("decode",
        () -> search.translate(decoder, sources))).median("decode");
  }

  private static ParallelIds randomPairs(int n, int vocabulary, int sourceLength, int targetLength) {
    SplittableRandom random = new SplittableRandom(7);
    long[] ids = new long[n];
    int[][] source = new int[n][sourceLength];
    int[][] target = new int[n][targetLength];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
      Arrays.setAll(source[i], j -> 4 + random.nextInt(vocabulary - 4));
      Arrays.setAll(target[i], j -> 4 + random.nextInt(vocabulary - 4));
    }
    return new ParallelIds(ids, source, target);
  }
}
