package io.g2lstm.model.graph;

import io.g2lstm.model.layer.OwnDropout;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Implementation of {@link SoftmaxOutputLayer}: projection, softmax and sparse cross-entropy fused
 * ({@link SoftmaxCrossEntropy}). Input {@code [b, nIn, T]} (NCW), labels {@code [b, 1, T]} of class ids, label mask
 * {@code [b, T]}; rows of the flattened step are {@code i + b t}, as DL4J's {@code TimeSeriesUtils} lay them out.
 *
 * <p>{@link #backpropGradient} computes the loss too and keeps it, so the {@link #computeScore} that follows it in a
 * training step costs nothing: the score is the summed loss over real positions divided by the number of sequences,
 * with the input after dropout and the labels smoothed by {@code labelSmoothing} (the loss that was trained on; DL4J's
 * layer reports it without dropout); outside training, and for validation, the plain negative log-likelihood.
 */
public class SoftmaxOutput extends RnnOutputLayer {

  @Override
  public SoftmaxOutputLayer layerConf() {
    return (SoftmaxOutputLayer) conf.getLayer();
  }

  /** The summed loss of the last backward pass on the current input and labels, or NaN. */
  private double trainedLoss = Double.NaN;
  private final OwnDropout dropout = new OwnDropout();

  public SoftmaxOutput(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    INDArray rows = droppedOutRows(true, workspaceMgr, ArrayType.BP_WORKING_MEM);

    INDArray weights = params.get(DefaultParamInitializer.WEIGHT_KEY);
    INDArray bias = hasBias() ? params.get(DefaultParamInitializer.BIAS_KEY) : null;
    INDArray delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, weights.dataType(),
        new long[] {rows.size(0), weights.size(1)}, 'c');
    int[] classes = classes(workspaceMgr);
    double[] mask = mask();
    double smoothing = layerConf().getLabelSmoothing();
    SoftmaxCrossEntropy.Rows probabilities = SoftmaxCrossEntropy.probabilities(rows, weights, bias, delta, classes,
        smoothing);
    trainedLoss = sum(SoftmaxCrossEntropy.rowLosses(probabilities, classes, mask, smoothing));
    SoftmaxCrossEntropy.toLogitGradient(delta, classes, mask, maskArray, smoothing);

    INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    INDArray biasGradient = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
    INDArray rowGradient = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, weights.dataType(),
        new long[] {rows.size(0), rows.size(1)}, 'f');
    SoftmaxCrossEntropy.backward(rows, weights, delta, weightGradient, biasGradient, rowGradient);
    rowGradient = backpropDropOutIfPresent(rowGradient);

    Gradient gradient = new DefaultGradient();
    gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
    if (biasGradient != null) {
      gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
    }
    INDArray inputGradient = TimeSeriesUtils.reshape2dTo3d(rowGradient, input.size(0), workspaceMgr,
        ArrayType.ACTIVATION_GRAD);
    weightNoiseParams.clear();
    return new Pair<>(gradient, inputGradient);
  }

  @Override
  public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
    double loss = Double.isNaN(trainedLoss) || !training ? sum(rowLosses(workspaceMgr)) : trainedLoss;
    return loss / input.size(0) + fullNetRegTerm;
  }

  @Override
  public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
    double[] losses = rowLosses(workspaceMgr);
    long sequences = input.size(0);
    double[] perSequence = new double[(int) sequences];
    for (int r = 0; r < losses.length; r++) {
      perSequence[(int) (r % sequences)] += losses[r];
    }
    INDArray scores = Nd4j.create(perSequence, new long[] {sequences, 1}, dataType);
    if (fullNetRegTerm != 0) {
      scores.addi(fullNetRegTerm);
    }
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, scores);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    INDArray rows = droppedOutRows(training, workspaceMgr, ArrayType.FF_WORKING_MEM);
    INDArray probabilities = forward(rows, workspaceMgr, ArrayType.FF_WORKING_MEM, null).probabilities();
    return TimeSeriesUtils.reshape2dTo3d(probabilities, input.size(0), workspaceMgr, ArrayType.ACTIVATIONS);
  }

  /** The input as rows {@code [b T, nIn]}, with the layer's dropout applied in training (once per step, as DL4J). */
  private INDArray droppedOutRows(boolean training, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
    INDArray sequences = input;
    input = TimeSeriesUtils.reshape3dTo2d(sequences, workspaceMgr, type);
    applyDropOutIfNecessary(training, workspaceMgr);
    INDArray rows = input;
    input = sequences;
    return rows;
  }

  /**
   * Each row's masked loss on the current input, without dropout, and without label smoothing: the plain negative
   * log-likelihood that perplexities are made of.
   */
  private double[] rowLosses(LayerWorkspaceMgr workspaceMgr) {
    INDArray rows = TimeSeriesUtils.reshape3dTo2d(input, workspaceMgr, ArrayType.FF_WORKING_MEM);
    int[] classes = classes(workspaceMgr);
    return SoftmaxCrossEntropy.rowLosses(forward(rows, workspaceMgr, ArrayType.FF_WORKING_MEM, classes), classes,
        mask(), 0);
  }

  private SoftmaxCrossEntropy.Rows forward(INDArray rows, LayerWorkspaceMgr workspaceMgr, ArrayType type,
      int[] classes) {
    INDArray weights = params.get(DefaultParamInitializer.WEIGHT_KEY);
    INDArray probabilities = workspaceMgr.createUninitialized(type, weights.dataType(),
        new long[] {rows.size(0), weights.size(1)}, 'c');
    return SoftmaxCrossEntropy.probabilities(rows, weights, hasBias() ? params.get(DefaultParamInitializer.BIAS_KEY)
        : null, probabilities, classes, 0);
  }

  /** The class of every row, from the labels {@code [b, 1, T]}. */
  private int[] classes(LayerWorkspaceMgr workspaceMgr) {
    if (labels == null || labels.rank() != 3 || labels.size(1) != 1 || labels.size(0) != input.size(0)
        || labels.size(2) != input.size(2)) {
      throw new IllegalStateException("expected labels [" + input.size(0) + ", 1, " + input.size(2)
          + "] of class ids, found " + (labels == null ? "none" : Arrays.toString(labels.shape())));
    }
    INDArray column = TimeSeriesUtils.reshape3dTo2d(labels, workspaceMgr, ArrayType.FF_WORKING_MEM);
    return column.dup('c').data().asInt();
  }

  /** The label mask as one weight per row ({@code maskArray} holds it as a column), or null when there is none. */
  private double[] mask() {
    return maskArray == null ? null : maskArray.dup('c').data().asDouble();
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  @Override
  public void setLabels(INDArray labels) {
    super.setLabels(labels);
    trainedLoss = Double.NaN;
  }

  @Override
  public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
    super.setInput(input, workspaceMgr);
    trainedLoss = Double.NaN;
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
    trainedLoss = Double.NaN;
  }
}
