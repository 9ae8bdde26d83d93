package io.g2lstm.model.layer;

import static io.g2lstm.model.layer.G2Gates.BLOCK_ROWS;
import static io.g2lstm.model.layer.G2Gates.CANDIDATE_ROWS;
import static io.g2lstm.model.layer.G2Gates.FORGET_ROWS;
import static io.g2lstm.model.layer.G2Gates.INPUT_ROWS;
import static io.g2lstm.model.layer.G2Gates.OUTPUT_ROWS;
import static io.g2lstm.model.layer.G2Gates.PREVIOUS_CELL_ROWS;
import static io.g2lstm.model.layer.G2Gates.TANH_CELL_ROWS;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs the G²-LSTM recurrence of {@link G2Lstm} over a minibatch of sequences, forwards and backwards through time.
 * Each time step costs one matrix product for all four gates, from the stacked vector {@code [x_t; h_(t-1)]}, and
 * the elementwise operations of {@link G2Gates}; the backward step adds the products for the input and recurrent
 * gradients and for the weight gradient.
 *
 * <p>The working arrays are allocated outside workspaces and reused while the minibatch size stays the same and the
 * sequences fit. With {@code b} = minibatch, {@code H} = nOut, {@code R} = nIn + H, each is row-major with the
 * minibatch innermost and holds one contiguous block per time step, so every per-step operation runs on contiguous
 * memory:
 *
 * <ul>
 *   <li>{@code stacked [T+1, R, b]}: block t is {@code x_t} (rows 0..nIn) and {@code h_(t-1)} (rows nIn..R); block
 *       T holds {@code h_(T-1)};
 *   <li>{@code gates [T+1, 6H, b]}: block t is the gate block of {@link G2Gates}; block T holds {@code c_(T-1)};
 *   <li>{@code preactivations [T, 4H, b]}: {@code z} of o, i, f, g; in the backward pass the gradients {@code dz};
 *   <li>backward: {@code stackedGradients} like {@code stacked} (block t: {@code dx_t} and the gradient reaching
 *       {@code h_(t-1)}), and two derivative-factor arrays like {@code gates}.
 * </ul>
 *
 * <p>Masks ({@code [b, T]}, 1 = real step, 0 = padding): at a masked step the pre-activations of i and f are
 * offset by {@code -1e30} and {@code +1e30}, which makes i exactly 0 and f exactly 1, so {@code c_t = c_(t-1)} and
 * no gradient reaches the gates; {@code h_t = h_(t-1)} is carried explicitly on the steps where some example is
 * masked (3 more operations each way); the output there is 0. Outputs at real steps therefore do not depend on
 * padding, before or after the real steps.
 */
final class G2LstmRecurrence {

  /** Added to (subtracted from) masked steps' forget (input) gate pre-activations: saturates the sigmoid exactly. */
  private static final double SATURATION = 1e30;

  private final DataType dataType;
  private final long minibatch;
  private final int capacity;
  private final long nIn;
  private final long nOut;
  private final long rows;

  private final INDArray stacked;
  private final INDArray gates;
  private final INDArray preactivations;
  private final INDArray keep;
  private final INDArray carry;
  private final INDArray saturation;
  private final INDArray hiddenScratch;
  private final G2Gates.Step[] steps;
  private final INDArray[] stepStacked;
  private final INDArray[] stepPreactivations;
  private final INDArray[] keepRows;
  private final INDArray[] carryRows;

  private INDArray noiseUniform;
  private INDArray noiseBernoulli;
  private INDArray noiseScratch;

  private INDArray sigmoidDerivative;
  private INDArray tanhDerivative;
  private INDArray stackedGradients;
  private INDArray cellGradient;
  private INDArray cellGradientPair;
  private G2Gates.StepGradient[] gradientSteps;
  private INDArray[] stepStackedGradients;

  private int timeSteps;
  private boolean masked;
  private final boolean[] partiallyMasked;

  private G2LstmRecurrence(DataType dataType, long minibatch, int capacity, long nIn, long nOut) {
    this.dataType = dataType;
    this.minibatch = minibatch;
    this.capacity = capacity;
    this.nIn = nIn;
    this.nOut = nOut;
    this.rows = nIn + nOut;
    long h = nOut;
    long b = minibatch;
    stacked = Nd4j.create(dataType, capacity + 1, rows, b);
    gates = Nd4j.create(dataType, capacity + 1, BLOCK_ROWS * h, b);
    preactivations = Nd4j.create(dataType, capacity, 4 * h, b);
    keep = Nd4j.create(dataType, capacity, 1, b);
    carry = Nd4j.create(dataType, capacity, 1, b);
    saturation = Nd4j.create(dataType, capacity, 1, b);
    hiddenScratch = Nd4j.create(dataType, h, b);
    INDArray product = Nd4j.create(dataType, 2 * h, b);
    partiallyMasked = new boolean[capacity];
    steps = new G2Gates.Step[capacity];
    stepStacked = new INDArray[capacity];
    stepPreactivations = new INDArray[capacity];
    keepRows = new INDArray[capacity];
    carryRows = new INDArray[capacity];
    for (int t = 0; t < capacity; t++) {
      stepStacked[t] = block(stacked, t, 0, rows);
      stepPreactivations[t] = block(preactivations, t, 0, 4 * h);
      keepRows[t] = block(keep, t, 0, 1);
      carryRows[t] = block(carry, t, 0, 1);
      steps[t] = new G2Gates.Step(
          block(preactivations, t, 0, 3 * h),
          block(preactivations, t, 3 * h, 4 * h),
          gateRows(t, OUTPUT_ROWS, 3),
          gateRows(t, CANDIDATE_ROWS, 1),
          gateRows(t, INPUT_ROWS, 2),
          gateRows(t, CANDIDATE_ROWS, 2),
          product,
          view(product, 0, h, b),
          view(product, h * b, h, b),
          gateRows(t + 1, PREVIOUS_CELL_ROWS, 1),
          gateRows(t, TANH_CELL_ROWS, 1),
          gateRows(t, OUTPUT_ROWS, 1),
          hiddenRows(stacked, t + 1));
    }
  }

  /**
   * {@code current} if it fits the pass, else new arrays; for the same minibatch size the capacity at least
   * doubles, so growing sequence lengths reallocate rarely.
   */
  static G2LstmRecurrence fitting(G2LstmRecurrence current, DataType dataType, long minibatch, int timeSteps, long nIn,
      long nOut) {
    if (current != null && current.dataType == dataType && current.minibatch == minibatch && current.nIn == nIn
        && current.nOut == nOut) {
      if (timeSteps <= current.capacity) {
        return current;
      }
      return new G2LstmRecurrence(dataType, minibatch, Math.max(timeSteps, 2 * current.capacity), nIn, nOut);
    }
    return new G2LstmRecurrence(dataType, minibatch, timeSteps, nIn, nOut);
  }

  /**
   * Starts a pass: copies the input {@code [b, nIn, T]} (NCW) into the stacked blocks and reads the mask
   * ({@code [b, T]} of 0 and 1, or null).
   */
  void begin(INDArray input, INDArray mask) {
    start((int) input.size(2), mask);
    blocks(stacked, 0, timeSteps, 0, nIn).assign(input.permute(2, 1, 0));
  }

  /**
   * Starts a pass whose inputs the caller writes step by step into {@link #inputRows} (a layer inside a recurrence
   * of its own, such as {@link InputFeedingRecurrence}); the input rows of every block start at 0.
   */
  void begin(int steps, INDArray mask) {
    start(steps, mask);
    blocks(stacked, 0, timeSteps, 0, nIn).assign(0.0);
  }

  private void start(int steps, INDArray mask) {
    if (steps > capacity) {
      throw new IllegalArgumentException("G2LstmRecurrence: " + steps + " steps exceed the capacity " + capacity);
    }
    timeSteps = steps;
    readMask(mask);
  }

  private void readMask(INDArray mask) {
    masked = false;
    for (int t = 0; t < timeSteps; t++) {
      partiallyMasked[t] = false;
    }
    if (mask == null) {
      return;
    }
    if (mask.rank() != 2 || mask.size(0) != minibatch || mask.size(1) != timeSteps) {
      throw new IllegalArgumentException("G2Lstm: expected a mask of shape [" + minibatch + ", " + timeSteps
          + "], found " + Arrays.toString(mask.shape()));
    }
    double[][] values = mask.toDoubleMatrix();
    for (int i = 0; i < minibatch; i++) {
      for (int t = 0; t < timeSteps; t++) {
        double v = values[i][t];
        if (v == 0) {
          partiallyMasked[t] = true;
          masked = true;
        } else if (v != 1) {
          throw new IllegalArgumentException("G2Lstm: mask values must be 0 or 1, found " + v);
        }
      }
    }
    if (masked) {
      INDArray keepSteps = view(keep, 0, timeSteps, minibatch);
      INDArray carrySteps = view(carry, 0, timeSteps, minibatch);
      keepSteps.assign(mask.transpose());
      keepSteps.rsubi(1.0, carrySteps);
      carrySteps.muli(SATURATION, view(saturation, 0, timeSteps, minibatch));
    }
  }

  /**
   * Fills the pre-activations of all steps before the recurrence: {@code bias} ({@code [1, 4H]}, already divided
   * by the temperature where it applies), the noise on i and f ({@code [T, 2H, b]}, or null) and the masks'
   * saturation.
   */
  void prefill(INDArray bias, INDArray noise) {
    long h = nOut;
    INDArray all = preactivations.get(interval(timeSteps));
    all.assign(0.0);
    Nd4j.exec(new AddOp(all, bias.reshape('c', 1, 4 * h, 1), all));
    if (noise != null) {
      INDArray inputForgetBias = bias.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 3 * h));
      INDArray inputForget = blocks(preactivations, 0, timeSteps, h, 3 * h);
      Nd4j.exec(new AddOp(noise, inputForgetBias.reshape('c', 1, 2 * h, 1), inputForget));
    }
    if (masked) {
      INDArray stepSaturation = saturation.get(interval(timeSteps));
      INDArray input = blocks(preactivations, 0, timeSteps, h, 2 * h);
      INDArray forget = blocks(preactivations, 0, timeSteps, 2 * h, 3 * h);
      Nd4j.exec(new SubOp(input, stepSaturation, input));
      Nd4j.exec(new AddOp(forget, stepSaturation, forget));
    }
  }

  /** Sets {@code h_(-1)} and {@code c_(-1)} ({@code [b, H]} each; null for zeros). */
  void setInitialState(INDArray hidden, INDArray cell) {
    INDArray h = hiddenRows(stacked, 0);
    INDArray c = gateRows(0, PREVIOUS_CELL_ROWS, 1);
    if (hidden == null) {
      h.assign(0.0);
    } else {
      h.assign(hidden.transpose());
    }
    if (cell == null) {
      c.assign(0.0);
    } else {
      c.assign(cell.transpose());
    }
  }

  /** The recurrence over all steps, with the stacked weights {@code [R, 4H]} (i, f columns divided by tau). */
  void run(INDArray weights) {
    for (int t = 0; t < timeSteps; t++) {
      step(t, weights);
    }
  }

  /** Step t of the recurrence: {@code h_t} and {@code c_t} from {@code x_t}, {@code h_(t-1)} and {@code c_(t-1)}. */
  void step(int t, INDArray weights) {
    Nd4j.gemm(weights, stepStacked[t], stepPreactivations[t], true, false, 1.0, 1.0);
    G2Gates.forward(steps[t]);
    if (partiallyMasked[t]) {
      carryHidden(t);
    }
  }

  /** The input rows {@code x_t} of block t, {@code [nIn, b]}: a view to write a step's input into. */
  INDArray inputRows(int t) {
    return block(stacked, t, 0, nIn);
  }

  /** Rows {@code [from, to)} of every step's input {@code x_t} as a strided {@code [T, to - from, b]} view. */
  INDArray inputRowsOfSteps(long from, long to) {
    return blocks(stacked, 0, timeSteps, from, to);
  }

  /** Rows {@code [from, to)} of every step's input gradient, as {@link #inputRowsOfSteps} views the inputs. */
  INDArray inputGradientRowsOfSteps(long from, long to) {
    return blocks(stackedGradients, 0, timeSteps, from, to);
  }

  /** {@code h_t} as a {@code [H, b]} view (set by {@link #step}, or by {@link #setInitialState} for t = -1). */
  INDArray hidden(int t) {
    return hiddenRows(stacked, t + 1);
  }

  /** {@code h_t = m h_t + (1 - m) h_(t-1)}: the state passes unchanged through masked steps. */
  private void carryHidden(int t) {
    INDArray hidden = hiddenRows(stacked, t + 1);
    Nd4j.exec(new MulOp(hidden, keepRows[t], hidden));
    Nd4j.exec(new MulOp(hiddenRows(stacked, t), carryRows[t], hiddenScratch));
    Nd4j.exec(new AddOp(hidden, hiddenScratch, hidden));
  }

  /** Writes the hidden states into {@code output} ({@code [b, H, T]}), 0 at masked steps. */
  void writeOutput(INDArray output) {
    INDArray source = blocks(stacked, 1, timeSteps, nIn, rows);
    INDArray target = output.permute(2, 1, 0);
    if (masked) {
      Nd4j.exec(new MulOp(source, keep.get(interval(timeSteps)), target));
    } else {
      target.assign(source);
    }
  }

  /** {@code h_(T-1)} as a {@code [b, H]} view (transposed) of the working arrays. */
  INDArray finalHidden() {
    return hiddenRows(stacked, timeSteps).transpose();
  }

  /** {@code c_(T-1)} as a {@code [b, H]} view (transposed) of the working arrays. */
  INDArray finalCell() {
    return gateRows(timeSteps, PREVIOUS_CELL_ROWS, 1).transpose();
  }

  /**
   * Copies the values of one row group of the gate blocks ({@link G2Gates#INPUT_ROWS} and so on) of all steps into
   * a new {@code [b, H, T]} array; {@link G2Gates#PREVIOUS_CELL_ROWS} shifted by one step gives the cell states.
   */
  INDArray copyGateRows(int rowGroup, int firstBlock) {
    INDArray copy = Nd4j.create(dataType, new long[] {minibatch, nOut, timeSteps}, 'f');
    copy.permute(2, 1, 0).assign(blocks(gates, firstBlock, timeSteps, rowGroup * nOut, (rowGroup + 1) * nOut));
    return copy;
  }

  /** Starts the backward pass with the gradient of the outputs ({@code [b, H, T]}; ignored at masked steps). */
  void setOutputGradient(INDArray epsilon) {
    clearGradients();
    INDArray target = blocks(stackedGradients, 1, timeSteps, nIn, rows);
    INDArray source = epsilon.permute(2, 1, 0);
    if (masked) {
      Nd4j.exec(new MulOp(source, keep.get(interval(timeSteps)), target));
    } else {
      target.assign(source);
    }
  }

  /**
   * Backpropagation through time from the last step down to {@code firstStep} (0 for full BPTT): fills
   * {@code weightGradient} ({@code [R, 4H]}, zero on entry) and {@code biasGradient} ({@code [1, 4H]}) with the
   * gradients with respect to the weights as used ({@code weights}, i and f columns divided by tau), and the input
   * gradients for {@link #writeInputGradient}.
   *
   * @param finalCell the gradient with respect to {@code c_(T-1)} ({@code [b, H]}), or null
   */
  void backward(INDArray weights, int firstStep, INDArray finalCell, INDArray weightGradient,
      INDArray biasGradient) {
    beginBackward(firstStep, finalCell);
    for (int t = timeSteps - 1; t >= firstStep; t--) {
      backwardStep(t, weights, weightGradient);
    }
    biasGradient(firstStep, biasGradient);
  }

  /**
   * Prepares backpropagation down to {@code firstStep}: the derivative factors of those steps, and {@code dc} from
   * {@code finalCell} ({@code [b, H]}, or null for 0). The steps then run from the last down with
   * {@link #backwardStep}.
   */
  void beginBackward(int firstStep, INDArray finalCell) {
    if (timeSteps > firstStep) {
      INDArray usedGates = gates.get(interval(firstStep, timeSteps));
      G2Gates.derivativeFactors(usedGates, sigmoidDerivative.get(interval(firstStep, timeSteps)),
          tanhDerivative.get(interval(firstStep, timeSteps)));
    }
    if (finalCell == null) {
      cellGradient.assign(0.0);
    } else {
      cellGradient.assign(finalCell.transpose());
    }
  }

  /**
   * Step t backwards, once the whole gradient reaching {@code h_t} is in {@link #hiddenGradient}: adds to the
   * gradients of {@code x_t} and {@code h_(t-1)} and to {@code weightGradient}, and leaves {@code dz} of the step.
   */
  void backwardStep(int t, INDArray weights, INDArray weightGradient) {
    if (partiallyMasked[t]) {
      carryHiddenGradient(t);
    }
    G2Gates.backward(gradientSteps[t], cellGradient, cellGradientPair);
    INDArray gradient = stepPreactivations[t];
    Nd4j.gemm(weights, gradient, stepStackedGradients[t], false, false, 1.0, 1.0);
    Nd4j.gemm(stepStacked[t], gradient, weightGradient, false, true, 1.0, 1.0);
  }

  /** The bias gradient {@code [1, 4H]}: the sum of {@code dz} over the steps from {@code firstStep}. */
  void biasGradient(int firstStep, INDArray biasGradient) {
    if (timeSteps > firstStep) {
      INDArray sums = preactivations.get(interval(firstStep, timeSteps)).sum(0, 2);
      biasGradient.assign(sums.reshape(1, 4 * nOut));
    } else {
      biasGradient.assign(0.0);
    }
  }

  /** The gradient reaching {@code h_t} as a {@code [H, b]} view (t = -1: the initial hidden state's). */
  INDArray hiddenGradient(int t) {
    return hiddenRows(stackedGradients, t + 1);
  }

  /** The gradient of the input {@code x_t}, {@code [nIn, b]}, complete once {@link #backwardStep} ran for t. */
  INDArray inputGradientRows(int t) {
    return block(stackedGradients, t, 0, nIn);
  }

  /** Starts a backward pass whose output gradients the caller adds step by step into {@link #hiddenGradient}. */
  void clearGradients() {
    allocateBackward();
    stackedGradients.get(interval(timeSteps + 1)).assign(0.0);
  }

  /** The gradient reaching a masked step's {@code h_t} goes to {@code h_(t-1)} instead of into the cell. */
  private void carryHiddenGradient(int t) {
    INDArray hidden = hiddenRows(stackedGradients, t + 1);
    Nd4j.exec(new MulOp(hidden, carryRows[t], hiddenScratch));
    INDArray previous = hiddenRows(stackedGradients, t);
    Nd4j.exec(new AddOp(previous, hiddenScratch, previous));
    Nd4j.exec(new MulOp(hidden, keepRows[t], hidden));
  }

  /** Writes the gradient with respect to the input into {@code inputGradient} ({@code [b, nIn, T]}). */
  void writeInputGradient(INDArray inputGradient) {
    inputGradient.permute(2, 1, 0).assign(blocks(stackedGradients, 0, timeSteps, 0, nIn));
  }

  /**
   * Working arrays for the noise of a pass, {@code [T, 2H, b]} each: uniform draws, Bernoulli draws, scratch. Row
   * group 0 is the input gate's, row group 1 the forget gate's.
   */
  INDArray[] noiseArrays() {
    if (noiseUniform == null) {
      noiseUniform = Nd4j.create(dataType, capacity, 2 * nOut, minibatch);
      noiseBernoulli = Nd4j.create(dataType, capacity, 2 * nOut, minibatch);
      noiseScratch = Nd4j.create(dataType, capacity, 2 * nOut, minibatch);
    }
    return new INDArray[] {noiseUniform.get(interval(timeSteps)), noiseBernoulli.get(interval(timeSteps)),
        noiseScratch.get(interval(timeSteps))};
  }

  private void allocateBackward() {
    if (stackedGradients != null) {
      return;
    }
    long h = nOut;
    long b = minibatch;
    sigmoidDerivative = Nd4j.create(dataType, capacity, BLOCK_ROWS * h, b);
    tanhDerivative = Nd4j.create(dataType, capacity, BLOCK_ROWS * h, b);
    stackedGradients = Nd4j.create(dataType, capacity + 1, rows, b);
    cellGradient = Nd4j.create(dataType, h, b);
    cellGradientPair = view(cellGradient, 0, 1, h, b);
    INDArray pair = Nd4j.create(dataType, 2, h, b);
    INDArray pairFirst = view(pair, 0, h, b);
    INDArray pairSecond = view(pair, h * b, h, b);
    gradientSteps = new G2Gates.StepGradient[capacity];
    stepStackedGradients = new INDArray[capacity];
    for (int t = 0; t < capacity; t++) {
      stepStackedGradients[t] = block(stackedGradients, t, 0, rows);
      INDArray inputForgetGradient = block(preactivations, t, h, 3 * h);
      gradientSteps[t] = new G2Gates.StepGradient(
          view(gateRows(t, TANH_CELL_ROWS, 2), 0, 2, h, b),
          view(gateRows(t, CANDIDATE_ROWS, 2), 0, 2, h, b),
          gateRows(t, INPUT_ROWS, 1),
          gateRows(t, FORGET_ROWS, 1),
          block(sigmoidDerivative, t, OUTPUT_ROWS * h, (OUTPUT_ROWS + 1) * h),
          block(sigmoidDerivative, t, INPUT_ROWS * h, (FORGET_ROWS + 1) * h),
          block(tanhDerivative, t, TANH_CELL_ROWS * h, (TANH_CELL_ROWS + 1) * h),
          block(tanhDerivative, t, CANDIDATE_ROWS * h, (CANDIDATE_ROWS + 1) * h),
          view(hiddenRows(stackedGradients, t + 1), 0, 1, h, b),
          pair,
          pairFirst,
          pairSecond,
          block(preactivations, t, 0, h),
          inputForgetGradient,
          view(inputForgetGradient, 0, 2, h, b),
          block(preactivations, t, 3 * h, 4 * h));
    }
  }

  /** A row-major view of {@code shape} starting {@code offset} elements into contiguous {@code base}. */
  private static INDArray view(INDArray base, long offset, long... shape) {
    return Nd4j.create(base.data(), shape, Nd4j.getStrides(shape, 'c'), base.offset() + offset, 'c');
  }

  /** Rows {@code [from, to)} of block {@code t} of a {@code [blocks, rows, b]} array: a contiguous view. */
  private static INDArray block(INDArray blocks, long t, long from, long to) {
    long b = blocks.size(2);
    long offset = blocks.offset() + (t * blocks.size(1) + from) * b;
    return Nd4j.create(blocks.data(), new long[] {to - from, b}, new long[] {b, 1}, offset, 'c');
  }

  /** Rows {@code [from, to)} of blocks {@code first .. first+count} as a strided {@code [count, to-from, b]} view. */
  private static INDArray blocks(INDArray blocks, long first, long count, long from, long to) {
    long b = blocks.size(2);
    long blockSize = blocks.size(1) * b;
    long offset = blocks.offset() + first * blockSize + from * b;
    return Nd4j.create(blocks.data(), new long[] {count, to - from, b}, new long[] {blockSize, b, 1}, offset, 'c');
  }

  /** {@code count} row groups of H rows of step t's gate block, starting at row group {@code group}. */
  private INDArray gateRows(long t, int group, int count) {
    return block(gates, t, group * nOut, (group + count) * nOut);
  }

  /** The hidden-state rows of block t of a stacked array. */
  private INDArray hiddenRows(INDArray stackedArray, long t) {
    return block(stackedArray, t, nIn, rows);
  }

  /** Blocks (first dimension) {@code [0, to)}. */
  private static INDArrayIndex interval(long to) {
    return NDArrayIndex.interval(0, to);
  }

  private static INDArrayIndex interval(long from, long to) {
    return NDArrayIndex.interval(from, to);
  }
}
