package io.g2lstm.model.layer;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InputType.InputTypeRecurrent;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Configuration of the input-feeding decoder (Luong, Pham and Manning, 2015, section 3.3): a stack of G²-LSTM
 * layers that steps Luong attention inside its recurrence, so that the previous attentional state joins the first
 * layer's input, started from the encoder (the dl4mt lineage): {@code h0_l = tanh(mean_s(E) Winit_l + binit_l)},
 * {@code c0_l = 0}. {@link InputFeedingRecurrence} has the equations.
 *
 * <p>Inputs, in order: the target embeddings [b, embeddingSize, T] and the encoder states [b, hiddenSize, S]; the
 * masks mark the real target and source positions. Output: the attentional states [b, hiddenSize, T], 0 at masked
 * target positions. Dropout with probability {@code dropout} applies, in training, to the embeddings and to the input
 * of every layer above the first (not to the fed-back attentional state, as in OpenNMT).
 *
 * <p>Parameters, one flat array in this order: per layer l its G²-LSTM parameters {@code W_l [in_l, 4H]},
 * {@code RW_l [H, 4H]}, {@code b_l [1, 4H]} ({@link G2LstmParamInitializer}'s layout, in_0 = E + H, else H); then
 * per layer {@code Winit_l [H, H]}, {@code binit_l [1, H]}; then {@code Wa [H, H]} and {@code Wc [2H, H]}.
 * Serialized by Jackson through its getters and setters.
 */
public final class InputFeedingDecoder extends GraphVertex implements TrainingConfig {

  public static final String SCORE_WEIGHTS = "Wa";
  public static final String OUTPUT_WEIGHTS = "Wc";
  /** Parameter names of a layer's initial-state weights and bias (keyed per layer with {@link #key}). */
  public static final String INIT_WEIGHTS = "initW";
  public static final String INIT_BIAS = "initb";

  private int embeddingSize;
  private int hiddenSize;
  private int layers;
  private GateMode gateMode = GateMode.BASELINE;
  private double temperature = 1.0;
  private double noiseProbability;
  private double epsilon = 1e-3;
  private long noiseSeed;
  private double dropout;
  private IUpdater updater;
  private String layerName;
  private DataType dataType = DataType.FLOAT;

  /** For Jackson. */
  public InputFeedingDecoder() {}

  /**
   * @param dropout the probability of dropping a value (0: none)
   */
  public InputFeedingDecoder(int embeddingSize, int hiddenSize, int layers, GateMode gateMode, double temperature,
      double noiseProbability, double epsilon, long noiseSeed, double dropout, IUpdater updater) {
    this.embeddingSize = embeddingSize;
    this.hiddenSize = hiddenSize;
    this.layers = layers;
    this.gateMode = Objects.requireNonNull(gateMode, "gateMode");
    this.temperature = temperature;
    this.noiseProbability = noiseProbability;
    this.epsilon = epsilon;
    this.noiseSeed = noiseSeed;
    this.dropout = dropout;
    this.updater = Objects.requireNonNull(updater, "updater");
  }

  /** The key of parameter {@code parameter} (W, RW, b, initW, initb) of layer {@code layer}, e.g. {@code 0RW}. */
  public static String key(int layer, String parameter) {
    return layer + parameter;
  }

  /**
   * Layer l as a G²-LSTM layer configuration (sizes and gates), for the code that reads and writes G²-LSTM
   * parameters: initialisation, the gate equations' temperature and noise, and compression.
   */
  public G2LstmLayer cell(int layer) {
    return new G2LstmLayer.Builder().nIn(cellInputSize(layer)).nOut(hiddenSize).biasInit(0.0).gateMode(gateMode)
        .temperature(temperature).noiseProbability(noiseProbability).epsilon(epsilon).noiseSeed(noiseSeed)
        .build();
  }

  /** in_l: the embedding and the fed attentional state for the first layer, the layer below for the others. */
  public int cellInputSize(int layer) {
    return layer == 0 ? embeddingSize + hiddenSize : hiddenSize;
  }

  /** The number of parameters of layer l's G²-LSTM block (W, RW, b). */
  long cellParams(int layer) {
    return (long) (cellInputSize(layer) + hiddenSize + 1) * 4 * hiddenSize;
  }

  @Override
  public InputFeedingDecoder clone() {
    InputFeedingDecoder copy = new InputFeedingDecoder(embeddingSize, hiddenSize, layers, gateMode, temperature,
        noiseProbability, epsilon, noiseSeed, dropout, updater.clone());
    copy.layerName = layerName;
    copy.dataType = dataType;
    return copy;
  }

  @Override
  public long numParams(boolean backprop) {
    long h = hiddenSize;
    long total = 0;
    for (int l = 0; l < layers; l++) {
      total += cellParams(l) + h * h + h;
    }
    return total + h * h + 2 * h * h;
  }

  @Override
  public int minVertexInputs() {
    return 2;
  }

  @Override
  public int maxVertexInputs() {
    return 2;
  }

  @Override
  public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
      INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
    this.layerName = name;
    return new InputFeedingDecoderVertex(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
    if (inputs.length != 2 || !(inputs[0] instanceof InputTypeRecurrent target)
        || !(inputs[1] instanceof InputTypeRecurrent encoder)) {
      throw new InvalidInputTypeException("input-feeding decoder: expected two recurrent inputs (target "
          + "embeddings, encoder states), found " + List.of(inputs));
    }
    if (target.getSize() != embeddingSize || encoder.getSize() != hiddenSize) {
      throw new InvalidInputTypeException("input-feeding decoder: expected input sizes " + embeddingSize + " and "
          + hiddenSize + ", found " + target.getSize() + " and " + encoder.getSize());
    }
    return InputType.recurrent(hiddenSize, target.getTimeSeriesLength());
  }

  @Override
  public MemoryReport getMemoryReport(InputType... inputs) {
    InputType output = getOutputType(-1, inputs);
    long perExample = output.arrayElementsPerExample();
    return new LayerMemoryReport.Builder(layerName, InputFeedingDecoder.class, inputs[0], output)
        .standardMemory(numParams(true), numParams(true))
        // per step and layer: the stacked input, the gate block and the pre-activations (about 12 H values)
        .workingMemory(0, 0, perExample * 12L * layers, perExample * 24L * layers)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public String getLayerName() {
    return layerName;
  }

  public void setLayerName(String layerName) {
    this.layerName = layerName;
  }

  @Override
  public List<Regularization> getRegularizationByParam(String paramName) {
    return List.of();
  }

  @Override
  public boolean isPretrainParam(String paramName) {
    return false;
  }

  @Override
  public IUpdater getUpdaterByParam(String paramName) {
    return updater;
  }

  @Override
  public GradientNormalization getGradientNormalization() {
    return GradientNormalization.None;
  }

  @Override
  public double getGradientNormalizationThreshold() {
    return 0;
  }

  @Override
  public void setDataType(DataType dataType) {
    this.dataType = dataType;
  }

  public DataType getDataType() {
    return dataType;
  }

  public int getEmbeddingSize() {
    return embeddingSize;
  }

  public void setEmbeddingSize(int embeddingSize) {
    this.embeddingSize = embeddingSize;
  }

  public int getHiddenSize() {
    return hiddenSize;
  }

  public void setHiddenSize(int hiddenSize) {
    this.hiddenSize = hiddenSize;
  }

  public int getLayers() {
    return layers;
  }

  public void setLayers(int layers) {
    this.layers = layers;
  }

  public GateMode getGateMode() {
    return gateMode;
  }

  public void setGateMode(GateMode gateMode) {
    this.gateMode = gateMode;
  }

  public double getTemperature() {
    return temperature;
  }

  public void setTemperature(double temperature) {
    this.temperature = temperature;
  }

  public double getNoiseProbability() {
    return noiseProbability;
  }

  public void setNoiseProbability(double noiseProbability) {
    this.noiseProbability = noiseProbability;
  }

  public double getEpsilon() {
    return epsilon;
  }

  public void setEpsilon(double epsilon) {
    this.epsilon = epsilon;
  }

  public long getNoiseSeed() {
    return noiseSeed;
  }

  public void setNoiseSeed(long noiseSeed) {
    this.noiseSeed = noiseSeed;
  }

  public double getDropout() {
    return dropout;
  }

  public void setDropout(double dropout) {
    this.dropout = dropout;
  }

  public IUpdater getUpdater() {
    return updater;
  }

  public void setUpdater(IUpdater updater) {
    this.updater = updater;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputFeedingDecoder d && d.embeddingSize == embeddingSize && d.hiddenSize == hiddenSize
        && d.layers == layers && d.gateMode == gateMode && Double.compare(d.temperature, temperature) == 0
        && Double.compare(d.noiseProbability, noiseProbability) == 0 && Double.compare(d.epsilon, epsilon) == 0
        && d.noiseSeed == noiseSeed && Double.compare(d.dropout, dropout) == 0 && Objects.equals(d.updater, updater);
  }

  @Override
  public int hashCode() {
    return Objects.hash(embeddingSize, hiddenSize, layers, gateMode, temperature, noiseProbability, epsilon,
        noiseSeed, dropout, updater);
  }
}
