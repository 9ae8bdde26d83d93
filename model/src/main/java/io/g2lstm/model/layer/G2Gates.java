package io.g2lstm.model.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The G²-LSTM cell equations, one time step at a time, as few in-place ND4J operations as the layout allows.
 *
 * <p>With {@code a = x_t W + h_(t-1) RW + b} split into the gate blocks {@code a_o, a_i, a_f, a_g}, temperature
 * {@code tau} and noise {@code n}:
 *
 * <pre>
 * z_o = a_o,  z_i = (a_i + n_i) / tau,  z_f = (a_f + n_f) / tau,  z_g = a_g
 * n   = B * (log(U + eps) - log(1 - U + eps)),  U ~ Uniform(0, 1),  B ~ Bernoulli(p)   (G2 training; else 0)
 * o = sigmoid(z_o),  i = sigmoid(z_i),  f = sigmoid(z_f),  g = tanh(z_g)
 * c_t = f * c_(t-1) + i * g
 * h_t = o * tanh(c_t)
 * </pre>
 *
 * and backwards, with {@code dh} the whole gradient reaching {@code h_t} and {@code dc} the one reaching
 * {@code c_t} from step t+1:
 *
 * <pre>
 * dc  += dh * o * (1 - tanh(c_t)^2)
 * dz_o = dh * tanh(c_t) * o (1 - o)        dz_i = dc * g * i (1 - i)
 * dz_f = dc * c_(t-1) * f (1 - f)          dz_g = dc * i * (1 - g^2)
 * dc_(t-1) = dc * f
 * </pre>
 *
 * The caller folds {@code 1/tau} into the weights and bias of the i and f columns (so the per-step matrix product
 * yields {@code z} directly) and the noise into the pre-activations, and scales the weight gradients back.
 *
 * <p>Shapes ({@code b} = minibatch, {@code H} = nOut): every per-step array is row-major with the minibatch
 * innermost, {@code [rows, b]}, and contiguous. A step's gate block is {@code [6H, b]} with rows, in H-row groups,
 * {@code tanh(c_t) | o | i | f | g | c_(t-1)}: the groups that are combined elementwise sit side by side, so
 * {@code [i; f] * [g; c_(t-1)]} and {@code [tanh(c_t); o] * dh} are one operation each. {@code [2, H, b]} views of
 * two adjacent groups broadcast against a {@code [1, H, b]} view of one.
 */
final class G2Gates {

  /** Gate-block row groups (units of H): where each quantity sits in a step's {@code [6H, b]} block. */
  static final int TANH_CELL_ROWS = 0;
  static final int OUTPUT_ROWS = 1;
  static final int INPUT_ROWS = 2;
  static final int FORGET_ROWS = 3;
  static final int CANDIDATE_ROWS = 4;
  static final int PREVIOUS_CELL_ROWS = 5;
  static final int BLOCK_ROWS = 6;

  /**
   * The arrays of one forward step; all {@code [H, b]} unless stated.
   *
   * @param sigmoidPreactivations {@code z_o, z_i, z_f}, {@code [3H, b]}
   * @param candidatePreactivation {@code z_g}
   * @param sigmoidGates rows o, i, f of the gate block, {@code [3H, b]}
   * @param candidate row g
   * @param inputForget rows i, f, {@code [2H, b]}
   * @param candidateAndPreviousCell rows g, c_(t-1), {@code [2H, b]}
   * @param product scratch {@code [2H, b]}: {@code [i g; f c_(t-1)]}
   * @param productFirst first half of {@code product}
   * @param productSecond second half of {@code product}
   * @param cell {@code c_t} (the c_(t-1) rows of step t+1's block)
   * @param tanhCell row tanh(c_t)
   * @param outputGate row o
   * @param hidden {@code h_t}
   */
  record Step(INDArray sigmoidPreactivations, INDArray candidatePreactivation, INDArray sigmoidGates,
      INDArray candidate, INDArray inputForget, INDArray candidateAndPreviousCell, INDArray product,
      INDArray productFirst, INDArray productSecond, INDArray cell, INDArray tanhCell, INDArray outputGate,
      INDArray hidden) {}

  /**
   * The arrays of one backward step; all {@code [H, b]} unless stated. Gradients are with respect to {@code z}.
   *
   * @param tanhCellAndOutput rows tanh(c_t), o of the gate block as {@code [2, H, b]}
   * @param candidateAndPreviousCell rows g, c_(t-1) as {@code [2, H, b]}
   * @param inputGate row i
   * @param forgetGate row f
   * @param sigmoidDerivativeOutput {@code o (1 - o)}
   * @param sigmoidDerivativeInputForget {@code [i (1 - i); f (1 - f)]}, {@code [2H, b]}
   * @param tanhDerivativeCell {@code 1 - tanh(c_t)^2}
   * @param tanhDerivativeCandidate {@code 1 - g^2}
   * @param hidden {@code dh}, the gradient reaching h_t, as {@code [1, H, b]}
   * @param pair scratch {@code [2, H, b]}: {@code [dh tanh(c_t); dh o]}
   * @param pairFirst first half of {@code pair}, {@code [H, b]}
   * @param pairSecond second half of {@code pair}, {@code [H, b]}
   * @param outputGradient {@code dz_o}
   * @param inputForgetGradient {@code [dz_i; dz_f]}, {@code [2H, b]}
   * @param inputForgetGradientPair the same as {@code [2, H, b]}
   * @param candidateGradient {@code dz_g}
   */
  record StepGradient(INDArray tanhCellAndOutput, INDArray candidateAndPreviousCell, INDArray inputGate,
      INDArray forgetGate, INDArray sigmoidDerivativeOutput, INDArray sigmoidDerivativeInputForget,
      INDArray tanhDerivativeCell, INDArray tanhDerivativeCandidate, INDArray hidden, INDArray pair,
      INDArray pairFirst, INDArray pairSecond, INDArray outputGradient, INDArray inputForgetGradient,
      INDArray inputForgetGradientPair, INDArray candidateGradient) {}

  private G2Gates() {
  }

  /** Gate values, {@code c_t}, {@code tanh(c_t)} and {@code h_t} from the pre-activations: 6 operations. */
  static void forward(Step s) {
    Nd4j.exec(new Sigmoid(s.sigmoidPreactivations(), s.sigmoidGates()));
    Nd4j.exec(new Tanh(s.candidatePreactivation(), s.candidate()));
    Nd4j.exec(new MulOp(s.inputForget(), s.candidateAndPreviousCell(), s.product()));
    Nd4j.exec(new AddOp(s.productFirst(), s.productSecond(), s.cell()));
    Nd4j.exec(new Tanh(s.cell(), s.tanhCell()));
    Nd4j.exec(new MulOp(s.outputGate(), s.tanhCell(), s.hidden()));
  }

  /**
   * Gradients {@code dz} of one step, and {@code dc} turned into the gradient reaching {@code c_(t-1)}: 9
   * operations.
   *
   * @param cell {@code dc}, {@code [H, b]}, updated in place
   * @param cellPair the same array as {@code [1, H, b]}
   */
  static void backward(StepGradient s, INDArray cell, INDArray cellPair) {
    Nd4j.exec(new MulOp(s.tanhCellAndOutput(), s.hidden(), s.pair()));
    Nd4j.exec(new MulOp(s.pairFirst(), s.sigmoidDerivativeOutput(), s.outputGradient()));
    Nd4j.exec(new MulOp(s.pairSecond(), s.tanhDerivativeCell(), s.pairSecond()));
    Nd4j.exec(new AddOp(cell, s.pairSecond(), cell));
    Nd4j.exec(new MulOp(s.candidateAndPreviousCell(), cellPair, s.inputForgetGradientPair()));
    Nd4j.exec(new MulOp(s.inputForgetGradient(), s.sigmoidDerivativeInputForget(), s.inputForgetGradient()));
    Nd4j.exec(new MulOp(cell, s.inputGate(), s.candidateGradient()));
    Nd4j.exec(new MulOp(s.candidateGradient(), s.tanhDerivativeCandidate(), s.candidateGradient()));
    Nd4j.exec(new MulOp(cell, s.forgetGate(), cell));
  }

  /**
   * The derivative factors of all steps at once from their gate blocks (same shape, any number of blocks):
   * {@code sigmoidDerivative = v (1 - v)} and {@code tanhDerivative = 1 - v^2} for every value v. Only the rows
   * where each formula applies are read later (o, i, f and tanh(c), g respectively).
   */
  static void derivativeFactors(INDArray gateBlocks, INDArray sigmoidDerivative, INDArray tanhDerivative) {
    Nd4j.exec(new MulOp(gateBlocks, gateBlocks, tanhDerivative));
    Nd4j.exec(new SubOp(gateBlocks, tanhDerivative, sigmoidDerivative));
    tanhDerivative.rsubi(1.0);
  }

  /** Fills {@code uniform} with U ~ Uniform(0, 1), then {@code bernoulli} with B ~ Bernoulli(p), from {@code random}.
   */
  static void draw(Random random, INDArray uniform, INDArray bernoulli, double probability) {
    Nd4j.getExecutioner().exec(new UniformDistribution(uniform, 0.0, 1.0), random);
    Nd4j.getExecutioner().exec(new BernoulliDistribution(bernoulli, probability), random);
  }

  /**
   * Turns uniform draws into the G² noise divided by the temperature, in place:
   * {@code uniform <- bernoulli * (log(uniform + eps) - log(1 - uniform + eps)) / tau}.
   *
   * @param scratch an array of the same shape, overwritten
   */
  static void noise(INDArray uniform, INDArray bernoulli, INDArray scratch, double epsilon, double temperature) {
    uniform.rsubi(1.0 + epsilon, scratch);
    uniform.addi(epsilon);
    uniform.divi(scratch);
    Nd4j.exec(new Log(uniform, uniform));
    uniform.muli(bernoulli);
    if (temperature != 1.0) {
      uniform.muli(1.0 / temperature);
    }
  }

  /**
   * The temperature of the input and forget gates in a pass: the configured tau for {@link GateMode#SHARPENED}
   * and for {@link GateMode#G2} in training, 1 otherwise.
   */
  static double temperature(G2LstmLayer conf, boolean training) {
    return switch (conf.getGateMode()) {
      case BASELINE -> 1.0;
      case SHARPENED -> conf.getTemperature();
      case G2 -> training ? conf.getTemperature() : 1.0;
    };
  }

  /** Whether a pass draws G² noise. */
  static boolean noisy(G2LstmLayer conf, boolean training) {
    return training && conf.getGateMode() == GateMode.G2 && conf.getNoiseProbability() > 0;
  }

  /**
   * The column factors {@code [1, 4H]} that turn {@code a} into {@code z} without noise: {@code 1/tau} on the
   * i and f columns, 1 on o and g (gate order of {@link G2LstmParamInitializer}).
   */
  static INDArray columnScale(DataType dataType, long nOut, double temperature) {
    INDArray scale = Nd4j.ones(dataType, 1, 4 * nOut);
    G2LstmParamInitializer.gateBlock(scale, G2LstmParamInitializer.INPUT_GATE, nOut).assign(1.0 / temperature);
    G2LstmParamInitializer.gateBlock(scale, G2LstmParamInitializer.FORGET_GATE, nOut).assign(1.0 / temperature);
    return scale;
  }
}
