package io.g2lstm.model.layer;

import io.g2lstm.common.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a G²-LSTM recurrent layer ("Towards Binary-Valued Gates for Robust LSTM Training", Li et al.,
 * ICML 2018): an LSTM whose input and forget gates are pushed towards 0 and 1 during training by Gumbel-style noise
 * and a temperature (see {@link GateMode}). Input and output are recurrent activations, by default in DL4J's NCW
 * format {@code [minibatch, size, time]}; per-example masks give variable lengths. The cell activation is tanh.
 * The layer instance is {@link G2Lstm}, its parameters are laid out by {@link G2LstmParamInitializer}.
 *
 * <pre>
 * new G2LstmLayer.Builder().nIn(256).nOut(256)
 *     .gateMode(GateMode.G2).temperature(0.9).noiseProbability(0.2).epsilon(1e-3).noiseSeed(42)
 *     .build();
 * </pre>
 *
 * <p>The G² noise is drawn from a generator seeded with the noise seed (the network's seed when none is set), the
 * layer's index and parameter offset, its name, and the network's iteration and epoch counters, so a run is
 * reproducible and a resumed run draws the same noise as an uninterrupted one.
 */
public class G2LstmLayer extends BaseRecurrentLayer {

  private GateMode gateMode = GateMode.G2;
  private double temperature = GateMode.G2.defaultTemperature();
  private double noiseProbability = 0.2;
  private double epsilon = 1e-3;
  private Long noiseSeed;
  private double forgetGateBiasInit = 1.0;

  /** For Jackson: configurations are read back field by field. */
  private G2LstmLayer() {
  }

  private G2LstmLayer(Builder builder) {
    super(builder);
    this.gateMode = builder.gateMode;
    if (builder.temperature != null) {
      this.temperature = builder.temperature;
    } else if (builder.gateMode != null) {
      this.temperature = builder.gateMode.defaultTemperature();
    }
    this.noiseProbability = builder.noiseProbability;
    this.epsilon = builder.epsilon;
    this.noiseSeed = builder.noiseSeed;
    this.forgetGateBiasInit = builder.forgetGateBiasInit;
    validate();
    initializeConstraints(builder);
  }

  /** Throws a {@link ConfigurationException} naming the first setting out of range. */
  public void validate() {
    String origin = layerName == null ? "G2LstmLayer" : "G2LstmLayer '" + layerName + "'";
    if (gateMode == null) {
      throw ConfigurationException.of(origin, "gateMode", "one of BASELINE, SHARPENED, G2", null);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw ConfigurationException.of(origin, "temperature", "a finite value > 0", temperature);
    }
    if (!(noiseProbability >= 0 && noiseProbability <= 1)) {
      throw ConfigurationException.of(origin, "noiseProbability", "a value in [0, 1]", noiseProbability);
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw ConfigurationException.of(origin, "epsilon", "a finite value > 0", epsilon);
    }
    if (!Double.isFinite(forgetGateBiasInit)) {
      throw ConfigurationException.of(origin, "forgetGateBiasInit", "a finite value", forgetGateBiasInit);
    }
    if (activationFn != null && !(activationFn instanceof ActivationTanH)) {
      throw ConfigurationException.of(origin, "activation", "tanh (the cell activation of an LSTM)",
          activationFn);
    }
  }

  @Override
  protected void initializeConstraints(Layer.Builder<?> builder) {
    super.initializeConstraints(builder);
    Builder b = (Builder) builder;
    addConstraints(b.getRecurrentConstraints(), G2LstmParamInitializer.RECURRENT_WEIGHT_KEY);
    addConstraints(b.getInputWeightConstraints(), G2LstmParamInitializer.INPUT_WEIGHT_KEY);
  }

  private void addConstraints(List<LayerConstraint> source, String paramKey) {
    if (source == null) {
      return;
    }
    if (constraints == null) {
      constraints = new ArrayList<>();
    }
    for (LayerConstraint c : source) {
      LayerConstraint copy = c.clone();
      copy.setParams(Collections.singleton(paramKey));
      constraints.add(copy);
    }
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
      boolean initializeParams, DataType networkDataType) {
    LayerValidation.assertNInNOutSet("G2LstmLayer", getLayerName(), layerIndex, getNIn(), getNOut());
    validate();
    G2Lstm layer = new G2Lstm(conf, networkDataType);
    layer.setListeners(trainingListeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(layerParamsView);
    Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
    layer.setParamTable(paramTable);
    layer.setConf(conf);
    return layer;
  }

  @Override
  public ParamInitializer initializer() {
    return G2LstmParamInitializer.getInstance();
  }

  /**
   * Parameters, updater state and the working memory of {@link G2Lstm}, in elements. Per example and time step the
   * forward pass keeps a block of 6 nOut values (tanh of the cell, the gates o, i, f, g and the previous cell) and
   * the stacked input and hidden state (nIn + nOut), plus the uniform and Bernoulli noise (2 nOut each) in G2
   * training; backpropagation adds two derivative-factor blocks, the gate gradients (4 nOut) and the stacked input
   * and hidden gradients. The fixed part is the temperature-scaled copy of the weights and bias.
   */
  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    InputType outputType = getOutputType(-1, inputType);
    long numParams = initializer().numParams(this);
    long updaterStateSize = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
    long steps = inputType instanceof InputType.InputTypeRecurrent r && r.getTimeSeriesLength() > 0
        ? r.getTimeSeriesLength() : 1;
    long stacked = nIn + nOut;
    long blocks = steps + 1;
    long inferencePerExample = blocks * (6 * nOut + stacked) + 3 * nOut;
    long noisePerExample = gateMode == GateMode.G2 ? steps * 4 * nOut : 0;
    long trainPerExample = inferencePerExample + noisePerExample
        + blocks * (2 * 6 * nOut + stacked) + steps * 4 * nOut + 3 * nOut;
    long scaledWeights = gateMode == GateMode.BASELINE ? 0 : numParams + 4 * nOut;
    return new LayerMemoryReport.Builder(layerName, G2LstmLayer.class, inputType, outputType)
        .standardMemory(numParams, updaterStateSize)
        .workingMemory(scaledWeights, inferencePerExample, scaledWeights, trainPerExample)
        .cacheMemory(0, 0)
        .build();
  }

  public GateMode getGateMode() {
    return gateMode;
  }

  /** The temperature tau of the input and forget gates (unused in {@link GateMode#BASELINE}). */
  public double getTemperature() {
    return temperature;
  }

  /** The probability p that noise is added to a gate element in {@link GateMode#G2} training. */
  public double getNoiseProbability() {
    return noiseProbability;
  }

  /** The epsilon inside the logarithms of the G² noise. */
  public double getEpsilon() {
    return epsilon;
  }

  /** The configured noise seed, or null when the network's seed is used. */
  public Long getNoiseSeed() {
    return noiseSeed;
  }

  public double getForgetGateBiasInit() {
    return forgetGateBiasInit;
  }

  @Override
  public G2LstmLayer clone() {
    return (G2LstmLayer) super.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof G2LstmLayer other) || !other.canEqual(this) || !super.equals(o)) {
      return false;
    }
    return gateMode == other.gateMode
        && Double.compare(temperature, other.temperature) == 0
        && Double.compare(noiseProbability, other.noiseProbability) == 0
        && Double.compare(epsilon, other.epsilon) == 0
        && Objects.equals(noiseSeed, other.noiseSeed)
        && Double.compare(forgetGateBiasInit, other.forgetGateBiasInit) == 0;
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof G2LstmLayer;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), gateMode, temperature, noiseProbability, epsilon, noiseSeed,
        forgetGateBiasInit);
  }

  @Override
  public String toString() {
    return "G2LstmLayer(" + super.toString() + ", gateMode=" + gateMode + ", temperature=" + temperature
        + ", noiseProbability=" + noiseProbability + ", epsilon=" + epsilon + ", noiseSeed=" + noiseSeed
        + ", forgetGateBiasInit=" + forgetGateBiasInit + ")";
  }

  /** Builds a {@link G2LstmLayer}; unset G² settings take the paper's defaults for the chosen mode. */
  public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

    private GateMode gateMode = GateMode.G2;
    private Double temperature;
    private double noiseProbability = 0.2;
    private double epsilon = 1e-3;
    private Long noiseSeed;
    private double forgetGateBiasInit = 1.0;

    /** Starts with the cell activation tanh, so the network's default activation does not replace it. */
    public Builder() {
      this.activationFn = new ActivationTanH();
    }

    /** The gate mode; {@link GateMode#G2} unless set. */
    public Builder gateMode(GateMode gateMode) {
      this.gateMode = gateMode;
      return this;
    }

    /** The temperature tau; the mode's default (0.9 for G2, 0.2 for SHARPENED) unless set. */
    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return this;
    }

    /** The Bernoulli probability p of noise in G2 training; 0.2 unless set. */
    public Builder noiseProbability(double noiseProbability) {
      this.noiseProbability = noiseProbability;
      return this;
    }

    /** The epsilon inside the noise's logarithms; 1e-3 unless set. */
    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    /** The seed of the G² noise; the network's seed unless set. */
    public Builder noiseSeed(long noiseSeed) {
      this.noiseSeed = noiseSeed;
      return this;
    }

    /** The initial bias of the forget gate; 1.0 unless set (other biases take {@code biasInit}). */
    public Builder forgetGateBiasInit(double forgetGateBiasInit) {
      this.forgetGateBiasInit = forgetGateBiasInit;
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public G2LstmLayer build() {
      return new G2LstmLayer(this);
    }
  }
}
