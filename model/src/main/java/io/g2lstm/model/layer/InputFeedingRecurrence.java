package io.g2lstm.model.layer;

import io.g2lstm.common.SplitMix;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The recurrence of {@link InputFeedingDecoder}, forwards and backwards through time, over a minibatch. Each layer's
 * steps run in its own {@link G2LstmRecurrence} (the G²-LSTM equations of {@link G2Gates}); this class interleaves them
 * step by step with the attention of {@link SteppedAttention}. With E = embedding size, H = hidden size, L layers,
 * {@code y_t} the target embedding [b, E] and {@code E} the encoder states [b, H, S]:
 *
 * <pre>
 *   mean    = sum_s m_s E_s / sum_s m_s                         [b, H]   (source mask m)
 *   h0_l    = tanh(mean Winit_l + binit_l),  c0_l = 0,  a_(-1) = 0
 *   x0_t    = [drop(y_t); a_(t-1)]                              [b, E + H]
 *   h_l,t   = G2-LSTM_l(x_l,t, h_l,(t-1), c_l,(t-1)),  x_(l+1),t = drop(h_l,t)
 *   a_t     = attention(h_(L-1),t, E)                           [b, H]   (Luong "general", tanh(Wc [ctx; h]))
 * </pre>
 *
 * The outputs are {@code a_t} ([b, H, T]). Backwards, step t takes the gradient of {@code a_t} from the output and
 * from step t+1's input, runs attention backwards, then the layers from the top down; the initial states pass their
 * gradients to {@code Winit}, {@code binit} and the encoder states. Gate temperature, noise and masks are handled as
 * in {@link G2Lstm}; dropout draws from ND4J's generator (reseeded per minibatch by the trainer).
 *
 * <p>Not thread-safe: one per vertex. The working arrays live outside workspaces.
 */
final class InputFeedingRecurrence {

  /** Views of the decoder's parameters (or gradients) in its flat array; weights stacked [in_l + H, 4H]. */
  record Params(INDArray[] weights, INDArray[] bias, INDArray[] initWeights, INDArray[] initBias, INDArray wa,
      INDArray wc, Map<String, INDArray> table) {

    /** The views of {@code flat} laid out as {@link InputFeedingDecoder} describes. */
    static Params of(InputFeedingDecoder conf, INDArray flat) {
      int layers = conf.getLayers();
      long h = conf.getHiddenSize();
      INDArray row = flat.reshape(flat.length());
      INDArray[] weights = new INDArray[layers];
      INDArray[] bias = new INDArray[layers];
      INDArray[] initWeights = new INDArray[layers];
      INDArray[] initBias = new INDArray[layers];
      Map<String, INDArray> table = new LinkedHashMap<>();
      long offset = 0;
      for (int l = 0; l < layers; l++) {
        G2LstmLayer cell = conf.cell(l);
        INDArray cellFlat = row.get(NDArrayIndex.interval(offset, offset + conf.cellParams(l)));
        for (Map.Entry<String, INDArray> view : G2LstmParamInitializer.views(cell, cellFlat).entrySet()) {
          table.put(key(l, view.getKey()), view.getValue());
        }
        weights[l] = G2LstmParamInitializer.stackedWeights(cell, cellFlat);
        bias[l] = table.get(key(l, G2LstmParamInitializer.BIAS_KEY));
        offset += conf.cellParams(l);
      }
      for (int l = 0; l < layers; l++) {
        initWeights[l] = row.get(NDArrayIndex.interval(offset, offset + h * h)).reshape('c', h, h);
        initBias[l] = row.get(NDArrayIndex.interval(offset + h * h, offset + h * h + h)).reshape('c', 1, h);
        table.put(key(l, InputFeedingDecoder.INIT_WEIGHTS), initWeights[l]);
        table.put(key(l, InputFeedingDecoder.INIT_BIAS), initBias[l]);
        offset += h * h + h;
      }
      INDArray wa = row.get(NDArrayIndex.interval(offset, offset + h * h)).reshape('c', h, h);
      INDArray wc = row.get(NDArrayIndex.interval(offset + h * h, offset + 3 * h * h)).reshape('c', 2 * h, h);
      table.put(InputFeedingDecoder.SCORE_WEIGHTS, wa);
      table.put(InputFeedingDecoder.OUTPUT_WEIGHTS, wc);
      return new Params(weights, bias, initWeights, initBias, wa, wc, table);
    }

    private static String key(int layer, String parameter) {
      return InputFeedingDecoder.key(layer, parameter);
    }
  }

  private final InputFeedingDecoder conf;
  private final G2LstmLayer[] cells;
  private final DataType dataType;
  private final int layers;
  private final long e;
  private final long h;
  private final G2LstmRecurrence[] sequences;
  private Random noiseRandom;

  // The last forward pass.
  private int timeSteps;
  private long minibatch;
  private INDArray[] passWeights;
  private INDArray columnScale;
  private INDArray embeddingDropout;
  private INDArray[] layerDropout;
  private INDArray targetMask;
  private INDArray sourceMask;
  private final SteppedAttention attention;
  private INDArray output;
  /** The initial state's inputs when the pass started from the encoder (for the backward pass), else null. */
  private INDArray meanEncoder;
  private INDArray sourceWeights;
  private DecoderState start;

  InputFeedingRecurrence(InputFeedingDecoder conf, DataType dataType) {
    this.conf = conf;
    this.dataType = dataType;
    this.layers = conf.getLayers();
    this.e = conf.getEmbeddingSize();
    this.h = conf.getHiddenSize();
    this.cells = new G2LstmLayer[layers];
    for (int l = 0; l < layers; l++) {
      cells[l] = conf.cell(l);
    }
    this.sequences = new G2LstmRecurrence[layers];
    this.attention = new SteppedAttention(dataType, h, h);
  }

  /** The initial state from the encoder states [b, H, S] and the source mask [b, S] (null: nothing padded). */
  DecoderState initialState(Params params, INDArray encoder, INDArray mask) {
    long b = encoder.size(0);
    long s = encoder.size(2);
    INDArray weights = mask == null ? Nd4j.valueArrayOf(new long[] {b, s}, 1.0 / s, dataType)
        : mask.castTo(dataType).dup();
    if (mask != null) {
      weights.diviColumnVector(weights.sum(true, 1));
    }
    sourceWeights = weights;
    meanEncoder = Nd4j.matmul(encoder, weights.reshape(b, s, 1)).reshape(b, h);
    INDArray[] hidden = new INDArray[layers];
    INDArray[] cell = new INDArray[layers];
    for (int l = 0; l < layers; l++) {
      hidden[l] = Transforms.tanh(meanEncoder.mmul(params.initWeights()[l]).addiRowVector(params.initBias()[l]),
          false);
      cell[l] = Nd4j.zeros(dataType, b, h);
    }
    start = new DecoderState(hidden, cell, Nd4j.zeros(dataType, b, h));
    return start;
  }

  /**
   * The forward pass from {@code state} (from {@link #initialState}, or the {@link #finalState} of a previous step
   * when decoding incrementally): the attentional states [b, H, T].
   *
   * @param embeddings the target embeddings [b, E, T]
   * @param mask the target mask [b, T], or null
   * @param noiseKey seeds the G² noise of a training pass
   */
  INDArray forward(Params params, boolean training, INDArray embeddings, INDArray mask, INDArray encoder,
      INDArray encoderMask, DecoderState state, long noiseKey) {
    this.minibatch = embeddings.size(0);
    this.timeSteps = (int) embeddings.size(2);
    this.targetMask = mask;
    this.sourceMask = encoderMask;
    if (state != start) {
      meanEncoder = null;
      sourceWeights = null;
      start = state;
    }
    double keep = 1.0 - conf.getDropout();
    boolean dropping = training && conf.getDropout() > 0;
    double temperature = G2Gates.temperature(cells[0], training);
    columnScale = temperature == 1.0 ? null : G2Gates.columnScale(dataType, h, temperature);
    passWeights = new INDArray[layers];
    for (int l = 0; l < layers; l++) {
      G2LstmRecurrence sequence = G2LstmRecurrence.fitting(sequences[l], dataType, minibatch, timeSteps,
          conf.cellInputSize(l), h);
      sequences[l] = sequence;
      sequence.begin(timeSteps, mask);
      INDArray bias = params.bias()[l];
      passWeights[l] = params.weights()[l];
      if (columnScale != null) {
        passWeights[l] = params.weights()[l].mul(columnScale);
        bias = bias.mul(columnScale);
      }
      sequence.prefill(bias, G2Gates.noisy(cells[l], training) ? noise(sequence, l, noiseKey, temperature) : null);
      sequence.setInitialState(state.hidden()[l], state.cell()[l]);
    }
    INDArray embeddingRows = sequences[0].inputRowsOfSteps(0, e);
    embeddingRows.assign(embeddings.permute(2, 1, 0));
    embeddingDropout = dropping ? dropoutMask(new long[] {timeSteps, e, minibatch}, keep) : null;
    if (embeddingDropout != null) {
      Nd4j.exec(new MulOp(embeddingRows, embeddingDropout, embeddingRows));
    }
    layerDropout = new INDArray[layers];
    for (int l = 1; l < layers && dropping; l++) {
      layerDropout[l] = dropoutMask(new long[] {timeSteps, h, minibatch}, keep);
    }
    feedRows(0).assign(state.feed().transpose());

    attention.begin(timeSteps, encoder, encoderMask, params.wa(), params.wc());
    for (int t = 0; t < timeSteps; t++) {
      for (int l = 0; l < layers; l++) {
        sequences[l].step(t, passWeights[l]);
        if (l + 1 < layers) {
          INDArray next = sequences[l + 1].inputRows(t);
          if (layerDropout[l + 1] != null) {
            Nd4j.exec(new MulOp(sequences[l].hidden(t), layerDropout[l + 1].slice(t), next));
          } else {
            next.assign(sequences[l].hidden(t));
          }
        }
      }
      INDArray attentional = attention.step(t, sequences[layers - 1].hidden(t));
      if (t + 1 < timeSteps) {
        feedRows(t + 1).assign(attentional.transpose());
      }
    }
    output = attention.attentionalStates(timeSteps).dup('c');
    if (mask != null) {
      output.muli(mask.castTo(dataType).reshape(minibatch, 1, timeSteps).broadcast(output.shape()));
    }
    return output;
  }

  /** The state after the last step of the last forward pass, as new arrays. */
  DecoderState finalState() {
    INDArray[] hidden = new INDArray[layers];
    INDArray[] cell = new INDArray[layers];
    for (int l = 0; l < layers; l++) {
      hidden[l] = sequences[l].finalHidden().dup('c');
      cell[l] = sequences[l].finalCell().dup('c');
    }
    INDArray feed = attention.attentional(timeSteps - 1).dup('c');
    return new DecoderState(hidden, cell, feed);
  }

  /** The gradients of the last forward pass's inputs. */
  record InputGradients(INDArray embeddings, INDArray encoder) {}

  /**
   * Backpropagation through time of the last forward pass, which must have started from {@link #initialState}:
   * fills {@code gradients} (views of the flat gradient array) and returns the gradients of the embeddings
   * [b, E, T] and of the encoder states [b, H, S].
   *
   * @param epsilon the gradient of the attentional states [b, H, T]
   */
  InputGradients backward(Params params, Params gradients, INDArray epsilon, INDArray encoder) {
    if (meanEncoder == null) {
      throw new IllegalStateException("input-feeding decoder: expected a forward pass from the encoder's initial "
          + "state before the backward pass, found one from a given state");
    }
    INDArray dOutput = epsilon;
    if (targetMask != null) {
      dOutput = epsilon.mul(targetMask.castTo(dataType).reshape(minibatch, 1, timeSteps)
          .broadcast(epsilon.shape()));
    }
    for (int l = 0; l < layers; l++) {
      sequences[l].clearGradients();
      sequences[l].beginBackward(0, null);
      gradients.weights()[l].assign(0.0);
    }
    attention.beginBackward();
    // time-major, so that step t's gradient [b, H] is contiguous
    INDArray dAttentionalSteps = dOutput.permute(2, 0, 1).dup('c');
    for (int t = timeSteps - 1; t >= 0; t--) {
      INDArray dAttentional = dAttentionalSteps.slice(t);
      if (t + 1 < timeSteps) {
        dAttentional.addi(feedGradientRows(t + 1).transpose());
      }
      INDArray dDecoder = attention.backwardStep(t, dAttentional);
      sequences[layers - 1].hiddenGradient(t).addi(dDecoder.transpose());
      for (int l = layers - 1; l >= 0; l--) {
        sequences[l].backwardStep(t, passWeights[l], gradients.weights()[l]);
        if (l > 0) {
          INDArray below = sequences[l - 1].hiddenGradient(t);
          INDArray input = sequences[l].inputGradientRows(t);
          if (layerDropout[l] != null) {
            below.addi(input.mul(layerDropout[l].slice(t)));
          } else {
            below.addi(input);
          }
        }
      }
    }
    for (int l = 0; l < layers; l++) {
      sequences[l].biasGradient(0, gradients.bias()[l]);
      if (columnScale != null) {
        Nd4j.exec(new MulOp(gradients.weights()[l], columnScale, gradients.weights()[l]));
        Nd4j.exec(new MulOp(gradients.bias()[l], columnScale, gradients.bias()[l]));
      }
    }
    INDArray dEncoder = Nd4j.zeros(dataType, encoder.shape());
    attention.finish(timeSteps, dEncoder, gradients.wa(), gradients.wc());

    INDArray dMean = Nd4j.zeros(dataType, minibatch, h);
    for (int l = 0; l < layers; l++) {
      INDArray initial = start.hidden()[l];
      INDArray dPre = sequences[l].hiddenGradient(-1).transpose().mul(initial.mul(initial).rsubi(1.0));
      gradients.initWeights()[l].assign(meanEncoder.transpose().mmul(dPre));
      gradients.initBias()[l].assign(dPre.sum(true, 0));
      dMean.addi(dPre.mmul(params.initWeights()[l].transpose()));
    }
    long s = encoder.size(2);
    dEncoder.addi(Nd4j.matmul(dMean.reshape(minibatch, h, 1), sourceWeights.reshape(minibatch, 1, s)));

    INDArray dEmbeddings = Nd4j.create(dataType, new long[] {minibatch, e, timeSteps}, 'c');
    INDArray embeddingGradientRows = sequences[0].inputGradientRowsOfSteps(0, e);
    if (embeddingDropout != null) {
      Nd4j.exec(new MulOp(embeddingGradientRows, embeddingDropout, embeddingGradientRows));
    }
    dEmbeddings.permute(2, 1, 0).assign(embeddingGradientRows);
    return new InputGradients(dEmbeddings, dEncoder);
  }

  /**
   * The values of one gate of layer {@code layer} in the last forward pass, [b, H, T], as {@link G2Lstm#gateValues}
   * gives them.
   */
  INDArray gateValues(int layer, int gate) {
    if (sequences[layer] == null) {
      throw new IllegalStateException("input-feeding decoder: no forward pass yet");
    }
    return sequences[layer].copyGateRows(G2Gates.OUTPUT_ROWS + gate, 0);
  }

  /** The rows of the first layer's input at step t that hold the fed attentional state, [H, b]. */
  private INDArray feedRows(int t) {
    return sequences[0].inputRows(t).get(NDArrayIndex.interval(e, e + h), NDArrayIndex.all());
  }

  private INDArray feedGradientRows(int t) {
    return sequences[0].inputGradientRows(t).get(NDArrayIndex.interval(e, e + h), NDArrayIndex.all());
  }

  /** Inverted dropout: 1 / keep with probability keep, else 0. */
  private INDArray dropoutMask(long[] shape, double keep) {
    INDArray mask = Nd4j.create(dataType, shape);
    Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep), Nd4j.getRandom());
    return mask.muli(1.0 / keep);
  }

  /** Layer l's G² noise of this pass, from a generator seeded by the pass's key and the layer. */
  private INDArray noise(G2LstmRecurrence sequence, int layer, long key, double temperature) {
    INDArray[] arrays = sequence.noiseArrays();
    long layerKey = SplitMix.mix(key, layer);
    if (noiseRandom == null) {
      noiseRandom = Nd4j.getRandomFactory().getNewRandomInstance(layerKey);
    }
    noiseRandom.setSeed(layerKey);
    G2Gates.draw(noiseRandom, arrays[0], arrays[1], conf.getNoiseProbability());
    G2Gates.noise(arrays[0], arrays[1], arrays[2], conf.getEpsilon(), temperature);
    return arrays[0];
  }
}
