package io.g2lstm.model.graph;

import io.g2lstm.model.layer.AttentionMath;
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
 * Configuration of the attention vertex of the translation graph: Luong "general" global attention followed by the
 * attentional hidden layer, {@code tanh(Wc [context; decoder state])} (see {@link AttentionMath}).
 *
 * <p>Inputs, in order: the decoder states [b, decoderSize, T] and the encoder states [b, encoderSize, S]; the mask
 * of the second input marks the real source positions. Output: [b, decoderSize, T], masked like the first input.
 * Parameters: {@code Wa} [decoderSize, encoderSize] then {@code Wc} [encoderSize + decoderSize, decoderSize].
 *
 * <p>A {@link GraphVertex} rather than a SameDiff vertex: SameDiff vertices fix the time dimension of their inputs
 * at the first call, which variable-length minibatches break. Serialized by Jackson through its getters and setters.
 */
public final class LuongAttention extends GraphVertex implements TrainingConfig {

  public static final String SCORE_WEIGHTS = "Wa";
  public static final String OUTPUT_WEIGHTS = "Wc";

  private int decoderSize;
  private int encoderSize;
  private IUpdater updater;
  private String layerName;
  private DataType dataType = DataType.FLOAT;

  /** For Jackson. */
  public LuongAttention() {}

  public LuongAttention(int decoderSize, int encoderSize, IUpdater updater) {
    this.decoderSize = decoderSize;
    this.encoderSize = encoderSize;
    this.updater = Objects.requireNonNull(updater, "updater");
  }

  @Override
  public LuongAttention clone() {
    LuongAttention copy = new LuongAttention(decoderSize, encoderSize, updater.clone());
    copy.layerName = layerName;
    copy.dataType = dataType;
    return copy;
  }

  @Override
  public long numParams(boolean backprop) {
    return (long) decoderSize * encoderSize + (long) (encoderSize + decoderSize) * decoderSize;
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
    return new LuongAttentionVertex(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
    if (inputs.length != 2 || !(inputs[0] instanceof InputTypeRecurrent decoder)
        || !(inputs[1] instanceof InputTypeRecurrent encoder)) {
      throw new InvalidInputTypeException("attention: expected two recurrent inputs (decoder, encoder), found "
          + List.of(inputs));
    }
    if (decoder.getSize() != decoderSize || encoder.getSize() != encoderSize) {
      throw new InvalidInputTypeException("attention: expected input sizes " + decoderSize + " and " + encoderSize
          + ", found " + decoder.getSize() + " and " + encoder.getSize());
    }
    return InputType.recurrent(decoderSize, decoder.getTimeSeriesLength());
  }

  @Override
  public MemoryReport getMemoryReport(InputType... inputs) {
    InputType output = getOutputType(-1, inputs);
    return new LayerMemoryReport.Builder(layerName, LuongAttention.class, inputs[0], output)
        .standardMemory(numParams(true), numParams(true))
        .workingMemory(0, 0, output.arrayElementsPerExample() * 4, output.arrayElementsPerExample() * 6)
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

  public int getDecoderSize() {
    return decoderSize;
  }

  public void setDecoderSize(int decoderSize) {
    this.decoderSize = decoderSize;
  }

  public int getEncoderSize() {
    return encoderSize;
  }

  public void setEncoderSize(int encoderSize) {
    this.encoderSize = encoderSize;
  }

  public IUpdater getUpdater() {
    return updater;
  }

  public void setUpdater(IUpdater updater) {
    this.updater = updater;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LuongAttention a && a.decoderSize == decoderSize && a.encoderSize == encoderSize
        && Objects.equals(a.updater, updater);
  }

  @Override
  public int hashCode() {
    return Objects.hash(decoderSize, encoderSize, updater);
  }
}
