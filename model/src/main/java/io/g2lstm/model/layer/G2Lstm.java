package io.g2lstm.model.layer;

import io.g2lstm.common.SplitMix;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The G²-LSTM layer configured by {@link G2LstmLayer}: a DL4J recurrent layer for {@code ComputationGraph},
 * {@code MultiLayerNetwork} and the {@code Bidirectional} wrapper, with per-example masks, stateful evaluation
 * ({@link #rnnTimeStep}), truncated BPTT and DL4J dropout on its input. The recurrence itself is in
 * {@link G2LstmRecurrence} and {@link G2Gates}.
 *
 * <p>The G² noise is drawn only in training passes, from a generator reseeded for every pass with a hash of the
 * noise seed, the layer's index, the offset of its parameters in the network's parameter vector (which tells the
 * two directions of a Bidirectional wrapper apart), its name, and the iteration and epoch counters that DL4J keeps
 * in the network configuration: the same configuration and training steps give the same noise, also after a
 * resume. {@link #setNoiseSource} replaces the generator (a test hook).
 *
 * <p>{@link #backpropGradient} reuses the gate values of the last training forward pass when it was made on the
 * same input and mask (as in DL4J's fit), else it repeats the pass.
 */
public class G2Lstm extends BaseRecurrentLayer<G2LstmLayer> {

  /** State map key of the hidden state {@code [minibatch, nOut]} (as in DL4J's LSTM). */
  public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";
  /** State map key of the cell state {@code [minibatch, nOut]} (as in DL4J's LSTM). */
  public static final String STATE_KEY_PREV_MEMCELL = "prevMem";

  private transient G2LstmRecurrence sequence;
  private transient Random noiseRandom;
  private transient GateNoiseSource noiseSource;
  /**
   * Which replica draws the noise: parameter-averaging workers that train copies of one model at the same iteration
   * must not draw the same noise. 0 (a single process, or the first worker) leaves the seed as it is. Kept here, not
   * in the configuration: DL4J's Bidirectional shares its wrapped configurations between the copies of a model.
   */
  private long noiseStream;
  private transient INDArray scaledWeights;
  private transient INDArray scaledBias;
  private transient INDArray stackedNoisyWeights;

  /** The last forward pass: its input and mask (identity), whether it trained, and the weights it used. */
  private transient INDArray passInput;
  private transient INDArray passMask;
  private transient boolean passTraining;
  private transient INDArray passWeights;
  private transient INDArray passColumnScale;
  private transient INDArray columnScale;
  private transient double columnScaleTemperature;
  private final OwnDropout dropout = new OwnDropout();

  public G2Lstm(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** Sets the replica's noise stream (see {@link NoiseStreams}). */
  public void setNoiseStream(long stream) {
    this.noiseStream = stream;
  }

  public long noiseStream() {
    return noiseStream;
  }

  /**
   * Replaces the seeded noise generator by {@code source} (null restores it): a test hook for explicit noise,
   * used by every training forward pass in {@link GateMode#G2}.
   */
  public void setNoiseSource(GateNoiseSource source) {
    this.noiseSource = source;
  }

  /**
   * Copies a flat parameter vector in this layer's layout (as {@link #params()} returns it). DL4J's default reads
   * each parameter in column-major order, which is not this layout.
   */
  @Override
  public void setParams(INDArray params) {
    if (params == paramsFlattened) {
      return;
    }
    if (params.length() != paramsFlattened.length()) {
      throw new IllegalArgumentException("G2Lstm '" + layerConf().getLayerName() + "': expected "
          + paramsFlattened.length() + " parameters, found " + params.length());
    }
    paramsFlattened.assign(params.reshape(paramsFlattened.shape()));
  }

  @Override
  public Type type() {
    return Type.RECURRENT;
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    return forward(training, null, null, workspaceMgr);
  }

  @Override
  public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
    setInput(input, workspaceMgr);
    INDArray output = forward(false, stateMap.get(STATE_KEY_PREV_ACTIVATION),
        stateMap.get(STATE_KEY_PREV_MEMCELL), workspaceMgr);
    storeFinalState(stateMap);
    return output;
  }

  @Override
  public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
      LayerWorkspaceMgr workspaceMgr) {
    setInput(input, workspaceMgr);
    INDArray output = forward(training, tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION),
        tBpttStateMap.get(STATE_KEY_PREV_MEMCELL), workspaceMgr);
    if (storeLastForTBPTT) {
      storeFinalState(tBpttStateMap);
    }
    return output;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    return backpropagate(epsilon, null, -1, workspaceMgr);
  }

  @Override
  public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
      LayerWorkspaceMgr workspaceMgr) {
    return backpropagate(epsilon, null, tbpttBackLength, workspaceMgr);
  }

  /**
   * Keeps the per-time-step mask for the forward pass and hands it on unchanged: the outputs are per time step.
   */
  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
      int minibatchSize) {
    this.maskArray = maskArray;
    this.maskState = currentMaskState;
    return new Pair<>(maskArray, MaskState.Passthrough);
  }

  @Override
  protected void applyDropOutIfNecessary(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!dropoutApplied) {
      input = dropout.apply(layerConf().getIDropout(), input, training, inputModificationAllowed,
          getIterationCount(), getEpochCount(), workspaceMgr);
      dropoutApplied = training;
    }
  }

  @Override
  protected INDArray backpropDropOutIfPresent(INDArray epsilon) {
    return dropout.backprop(layerConf().getIDropout(), epsilon, getIterationCount(), getEpochCount());
  }

  @Override
  public void clear() {
    super.clear();
    dropout.clear();
    passInput = null;
    passMask = null;
    passWeights = null;
  }

  /**
   * The values of one gate in the last forward pass, {@code [minibatch, nOut, time]}; at masked steps the input
   * gate is 0 and the forget gate 1.
   *
   * @param gate one of {@link G2LstmParamInitializer#OUTPUT_GATE}, {@code INPUT_GATE}, {@code FORGET_GATE},
   *     {@code CANDIDATE}
   */
  public INDArray gateValues(int gate) {
    if (gate < 0 || gate > G2LstmParamInitializer.CANDIDATE) {
      throw new IllegalArgumentException("G2Lstm: no gate " + gate);
    }
    requirePass();
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return sequence.copyGateRows(G2Gates.OUTPUT_ROWS + gate, 0);
    }
  }

  /** The cell states {@code c_t} of the last forward pass, {@code [minibatch, nOut, time]}. */
  public INDArray cellStates() {
    requirePass();
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return sequence.copyGateRows(G2Gates.PREVIOUS_CELL_ROWS, 1);
    }
  }

  private void requirePass() {
    if (passWeights == null) {
      throw new IllegalStateException("G2Lstm: no forward pass yet");
    }
  }

  /** The forward pass from the given initial state ({@code [minibatch, nOut]} each, null for zeros). */
  private INDArray forward(boolean training, INDArray initialHidden, INDArray initialCell,
      LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    applyDropOutIfNecessary(training, workspaceMgr);
    G2LstmLayer conf = layerConf();
    boolean singleStep = input.rank() == 2;
    INDArray x = singleStep ? input.reshape(input.size(0), input.size(1), 1) : permuteIfNWC(input);
    if (x.rank() != 3 || x.size(1) != conf.getNIn()) {
      throw new IllegalArgumentException("G2Lstm '" + conf.getLayerName() + "': expected input [minibatch, "
          + conf.getNIn() + ", time], found " + Arrays.toString(input.shape()));
    }
    long minibatch = x.size(0);
    int timeSteps = (int) x.size(2);
    double temperature = G2Gates.temperature(conf, training);
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      sequence = G2LstmRecurrence.fitting(sequence, dataType, minibatch, timeSteps, conf.getNIn(), conf.getNOut());
      sequence.begin(x, maskArray);
      INDArray bias = prepareWeights(training, temperature, workspaceMgr);
      INDArray noise = G2Gates.noisy(conf, training) ? drawNoise(minibatch, timeSteps, temperature) : null;
      sequence.prefill(bias, noise);
      sequence.setInitialState(initialHidden, initialCell);
      sequence.run(passWeights);
    }
    passInput = input;
    passMask = maskArray;
    passTraining = training;
    INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
        new long[] {minibatch, conf.getNOut(), timeSteps}, 'f');
    sequence.writeOutput(output);
    if (singleStep) {
      return output.reshape(minibatch, conf.getNOut());
    }
    return permuteIfNWC(output);
  }

  /**
   * Sets {@link #passWeights} to the stacked weights {@code [nIn + nOut, 4 nOut]} of this pass and returns the
   * bias: the parameters themselves, or copies where DL4J weight noise applies, with the i and f columns divided
   * by the temperature when it is not 1.
   */
  private INDArray prepareWeights(boolean training, double temperature, LayerWorkspaceMgr workspaceMgr) {
    G2LstmLayer conf = layerConf();
    INDArray weights;
    INDArray bias;
    if (conf.getWeightNoise() == null) {
      weights = G2LstmParamInitializer.stackedWeights(conf, paramsFlattened);
      bias = getParam(G2LstmParamInitializer.BIAS_KEY);
    } else {
      weights = reuse(stackedNoisyWeights, weightShape());
      stackedNoisyWeights = weights;
      long nIn = conf.getNIn();
      weights.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all())
          .assign(getParamWithNoise(G2LstmParamInitializer.INPUT_WEIGHT_KEY, training, workspaceMgr));
      weights.get(NDArrayIndex.interval(nIn, nIn + conf.getNOut()), NDArrayIndex.all())
          .assign(getParamWithNoise(G2LstmParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr));
      bias = getParamWithNoise(G2LstmParamInitializer.BIAS_KEY, training, workspaceMgr);
    }
    passColumnScale = null;
    if (temperature != 1.0) {
      if (columnScale == null || columnScale.dataType() != dataType || columnScaleTemperature != temperature) {
        columnScale = G2Gates.columnScale(dataType, conf.getNOut(), temperature);
        columnScaleTemperature = temperature;
      }
      passColumnScale = columnScale;
      scaledWeights = reuse(scaledWeights, weightShape());
      scaledBias = reuse(scaledBias, new long[] {1, 4 * conf.getNOut()});
      Nd4j.exec(new MulOp(weights, passColumnScale, scaledWeights));
      Nd4j.exec(new MulOp(bias, passColumnScale, scaledBias));
      weights = scaledWeights;
      bias = scaledBias;
    }
    passWeights = weights;
    return bias;
  }

  private long[] weightShape() {
    return new long[] {layerConf().getNIn() + layerConf().getNOut(), 4 * layerConf().getNOut()};
  }

  private INDArray reuse(INDArray array, long[] shape) {
    if (array != null && array.dataType() == dataType && Arrays.equals(array.shape(), shape)) {
      return array;
    }
    return Nd4j.create(dataType, shape);
  }

  /** The noise of this pass on the i and f pre-activations, {@code [T, 2 nOut, b]}, divided by tau. */
  private INDArray drawNoise(long minibatch, int timeSteps, double temperature) {
    G2LstmLayer conf = layerConf();
    INDArray[] arrays = sequence.noiseArrays();
    INDArray uniform = arrays[0];
    INDArray bernoulli = arrays[1];
    if (noiseSource != null) {
      GateNoise noise = noiseSource.draw(minibatch, timeSteps);
      long h = conf.getNOut();
      rowGroup(uniform, 0, h).assign(noise.uniformInput().permute(2, 1, 0));
      rowGroup(uniform, 1, h).assign(noise.uniformForget().permute(2, 1, 0));
      rowGroup(bernoulli, 0, h).assign(noise.maskInput().permute(2, 1, 0));
      rowGroup(bernoulli, 1, h).assign(noise.maskForget().permute(2, 1, 0));
    } else {
      long key = noiseKey();
      if (noiseRandom == null) {
        noiseRandom = Nd4j.getRandomFactory().getNewRandomInstance(key);
      }
      noiseRandom.setSeed(key);
      G2Gates.draw(noiseRandom, uniform, bernoulli, conf.getNoiseProbability());
    }
    G2Gates.noise(uniform, bernoulli, arrays[2], conf.getEpsilon(), temperature);
    return uniform;
  }

  private static INDArray rowGroup(INDArray noise, int group, long nOut) {
    return noise.get(NDArrayIndex.all(), NDArrayIndex.interval(group * nOut, (group + 1) * nOut),
        NDArrayIndex.all());
  }

  /**
   * The seed of this pass's noise: noise seed (else the network's), layer index, parameter offset, layer name,
   * iteration, epoch and (when not 0) the replica's noise stream, mixed with SplitMix64.
   */
  private long noiseKey() {
    G2LstmLayer conf = layerConf();
    long key = conf.getNoiseSeed() != null ? conf.getNoiseSeed() : conf().getSeed();
    key = SplitMix.mix(key, getIndex());
    key = SplitMix.mix(key, paramsFlattened == null ? 0 : paramsFlattened.offset());
    key = SplitMix.mix(key, conf.getLayerName() == null ? 0 : conf.getLayerName().hashCode());
    key = SplitMix.mix(key, getIterationCount());
    key = SplitMix.mix(key, getEpochCount());
    return noiseStream == 0 ? key : SplitMix.mix(key, noiseStream);
  }

  private void storeFinalState(Map<String, INDArray> state) {
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      state.put(STATE_KEY_PREV_ACTIVATION, sequence.finalHidden().dup('c'));
      state.put(STATE_KEY_PREV_MEMCELL, sequence.finalCell().dup('c'));
    }
  }

  /**
   * Backpropagation through time, over the last {@code truncation} steps when it is positive (truncated BPTT)
   * else all of them.
   *
   * @param finalCellGradient an extra gradient with respect to the last cell state {@code [minibatch, nOut]}, or
   *     null (DL4J passes none; tests of the cell equations do)
   */
  Pair<Gradient, INDArray> backpropagate(INDArray epsilon, INDArray finalCellGradient, int truncation,
      LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (!(passTraining && passInput == input && passMask == maskArray && passWeights != null)) {
      // Like DL4J's LSTM: a truncated segment started from the state DL4J copies into the state map.
      if (truncation > 0) {
        forward(true, stateMap.get(STATE_KEY_PREV_ACTIVATION), stateMap.get(STATE_KEY_PREV_MEMCELL),
            workspaceMgr);
      } else {
        forward(true, null, null, workspaceMgr);
      }
    }
    G2LstmLayer conf = layerConf();
    boolean singleStep = epsilon.rank() == 2;
    INDArray eps = singleStep ? epsilon.reshape(epsilon.size(0), epsilon.size(1), 1) : permuteIfNWC(epsilon);
    long minibatch = eps.size(0);
    int timeSteps = (int) eps.size(2);
    int firstStep = truncation > 0 ? Math.max(0, timeSteps - truncation) : 0;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      gradientsFlattened.assign(0.0);
      INDArray weightGradient = G2LstmParamInitializer.stackedWeights(conf, gradientsFlattened);
      INDArray biasGradient = gradientViews.get(G2LstmParamInitializer.BIAS_KEY);
      sequence.setOutputGradient(eps);
      sequence.backward(passWeights, firstStep, finalCellGradient, weightGradient, biasGradient);
      if (passColumnScale != null) {
        Nd4j.exec(new MulOp(weightGradient, passColumnScale, weightGradient));
        Nd4j.exec(new MulOp(biasGradient, passColumnScale, biasGradient));
      }
    }
    INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
        new long[] {minibatch, conf.getNIn(), timeSteps}, 'f');
    sequence.writeInputGradient(inputGradient);
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    for (String key : G2LstmParamInitializer.getInstance().paramKeys(conf)) {
      gradient.gradientForVariable().put(key, gradientViews.get(key));
    }
    weightNoiseParams.clear();
    inputGradient = backpropDropOutIfPresent(inputGradient);
    if (singleStep) {
      return new Pair<>(gradient, inputGradient.reshape(minibatch, conf.getNIn()));
    }
    return new Pair<>(gradient, permuteIfNWC(inputGradient));
  }
}
