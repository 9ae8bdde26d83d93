package io.g2lstm.model.layer;

import io.g2lstm.common.SplitMix;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input-feeding decoder of a running graph ({@link InputFeedingDecoder} is its configuration,
 * {@link InputFeedingRecurrence} its equations). Parameters and gradients are views into the graph's flat arrays.
 * The backward pass reuses the last training forward pass when it was made on the same inputs (as in DL4J's fit),
 * else repeats it.
 *
 * <p>The G² noise is seeded like {@link G2Lstm}'s: noise seed, vertex index, iteration, epoch and the replica's noise
 * stream ({@link #setNoiseStream}), then the layer.
 */
public final class InputFeedingDecoderVertex extends BaseGraphVertex {

  private final InputFeedingDecoder config;
  private final INDArray params;
  private final InputFeedingRecurrence.Params paramViews;
  private final InputFeedingRecurrence recurrence;
  private INDArray gradients;
  private InputFeedingRecurrence.Params gradientViews;
  private INDArray targetMask;
  private INDArray sourceMask;
  private long noiseStream;

  private INDArray passEmbeddings;
  private INDArray passEncoder;
  private boolean passTraining;

  InputFeedingDecoderVertex(InputFeedingDecoder config, ComputationGraph graph, String name, int index,
      INDArray paramsView, boolean initialize, DataType dataType) {
    super(graph, name, index, null, null, dataType);
    this.config = config;
    this.params = paramsView;
    this.paramViews = InputFeedingRecurrence.Params.of(config, paramsView);
    this.recurrence = new InputFeedingRecurrence(config, dataType);
    if (initialize) {
      initialize();
    }
  }

  /** Xavier weights (the G²-LSTM blocks as {@link G2LstmParamInitializer} does), zero biases but the forget gate's. */
  private void initialize() {
    WeightInitXavier xavier = new WeightInitXavier();
    int h = config.getHiddenSize();
    for (int l = 0; l < config.getLayers(); l++) {
      G2LstmLayer cell = config.cell(l);
      Map<String, INDArray> views = Map.of(
          G2LstmParamInitializer.INPUT_WEIGHT_KEY, paramTable(l, G2LstmParamInitializer.INPUT_WEIGHT_KEY),
          G2LstmParamInitializer.RECURRENT_WEIGHT_KEY, paramTable(l, G2LstmParamInitializer.RECURRENT_WEIGHT_KEY),
          G2LstmParamInitializer.BIAS_KEY, paramTable(l, G2LstmParamInitializer.BIAS_KEY));
      G2LstmParamInitializer.initialize(cell, views, xavier, xavier);
      INDArray init = paramViews.initWeights()[l];
      xavier.init(h, h, init.shape(), 'c', init);
      paramViews.initBias()[l].assign(0.0);
    }
    xavier.init(h, h, paramViews.wa().shape(), 'c', paramViews.wa());
    xavier.init(2 * h, h, paramViews.wc().shape(), 'c', paramViews.wc());
  }

  private INDArray paramTable(int layer, String key) {
    return paramViews.table().get(InputFeedingDecoder.key(layer, key));
  }

  /** Sets the replica's noise stream (see {@link NoiseStreams}). */
  public void setNoiseStream(long stream) {
    this.noiseStream = stream;
  }

  public long noiseStream() {
    return noiseStream;
  }

  /** The values of one gate of decoder layer {@code layer} in the last forward pass, as {@link G2Lstm#gateValues}. */
  public INDArray gateValues(int layer, int gate) {
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return recurrence.gateValues(layer, gate);
    }
  }

  /** The state the decoder starts from for these encoder states [b, H, S] and source mask [b, S] (or null). */
  public DecoderState startState(INDArray encoder, INDArray sourceMask) {
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return recurrence.initialState(paramViews, encoder, sourceMask);
    }
  }

  /** The result of one inference step: the attentional states [b, H] and the state after the step. */
  public record Step(INDArray attentional, DecoderState state) {}

  /**
   * One inference step (no dropout, no noise) from {@code state}, for incremental decoding.
   *
   * @param embeddings the target embeddings of the step, [b, E]
   */
  public Step step(INDArray embeddings, INDArray encoder, INDArray sourceMask, DecoderState state) {
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray output = recurrence.forward(paramViews, false,
          embeddings.reshape(embeddings.size(0), embeddings.size(1), 1), null, encoder, sourceMask, state, 0);
      return new Step(output.reshape(output.size(0), output.size(1)), recurrence.finalState());
    }
  }

  @Override
  public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
    INDArray output;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      output = forward(training);
    }
    return workspaceMgr.dup(ArrayType.ACTIVATIONS, output);
  }

  private INDArray forward(boolean training) {
    INDArray embeddings = inputs[0];
    INDArray encoder = inputs[1];
    DecoderState start = recurrence.initialState(paramViews, encoder, sourceMask);
    INDArray output = recurrence.forward(paramViews, training, embeddings, targetMask, encoder, sourceMask, start,
        noiseKey());
    passEmbeddings = embeddings;
    passEncoder = encoder;
    passTraining = training;
    return output;
  }

  @Override
  public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
    InputFeedingRecurrence.InputGradients inputGradients;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      if (!(passTraining && passEmbeddings == inputs[0] && passEncoder == inputs[1])) {
        forward(true);
      }
      inputGradients = recurrence.backward(paramViews, gradientViews, epsilon, inputs[1]);
    }
    Gradient gradient = new DefaultGradient(gradients);
    gradientViews.table().forEach(gradient::setGradientFor);
    INDArray[] epsilons = {
        workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputGradients.embeddings()),
        workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputGradients.encoder())};
    return new Pair<>(gradient, epsilons);
  }

  /** Seeds a training pass's noise; the same configuration and training step give the same noise. */
  private long noiseKey() {
    ComputationGraphConfiguration configuration = graph.getConfiguration();
    long key = SplitMix.mix(config.getNoiseSeed(), vertexIndex);
    key = SplitMix.mix(key, configuration.getIterationCount());
    key = SplitMix.mix(key, configuration.getEpochCount());
    return noiseStream == 0 ? key : SplitMix.mix(key, noiseStream);
  }

  @Override
  public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
    this.gradients = backpropGradientsViewArray;
    this.gradientViews = InputFeedingRecurrence.Params.of(config, backpropGradientsViewArray);
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
      int minibatchSize) {
    targetMask = maskArrays == null ? null : maskArrays[0];
    sourceMask = maskArrays == null ? null : maskArrays[1];
    return new Pair<>(targetMask, currentMaskState);
  }

  @Override
  public void clear() {
    super.clear();
    passEmbeddings = null;
    passEncoder = null;
  }

  @Override
  public boolean hasLayer() {
    return false;
  }

  @Override
  public Layer getLayer() {
    return null;
  }

  @Override
  public Map<String, INDArray> paramTable(boolean backpropOnly) {
    return paramViews.table();
  }

  @Override
  public InputFeedingDecoder getConfig() {
    return config;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public long numParams() {
    return params.length();
  }

  @Override
  public INDArray getGradientsViewArray() {
    return gradients;
  }

  @Override
  public String toString() {
    return "InputFeedingDecoderVertex(" + vertexName + ", " + config.getLayers() + " x " + config.getHiddenSize()
        + ")";
  }
}
