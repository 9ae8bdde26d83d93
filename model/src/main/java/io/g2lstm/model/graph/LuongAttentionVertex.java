package io.g2lstm.model.graph;

import io.g2lstm.model.layer.AttentionMath;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The attention vertex of a running graph ({@link LuongAttention} is its configuration). Its parameters and their
 * gradients are views into the graph's flat arrays. The backward pass recomputes the cheap forward values rather
 * than keep them across DL4J's workspace boundaries.
 */
final class LuongAttentionVertex extends BaseGraphVertex {

  private final LuongAttention config;
  private final INDArray params;
  private final Map<String, INDArray> paramTable;
  private INDArray gradients;
  private Map<String, INDArray> gradientTable;
  private INDArray sourceMask;
  private INDArray targetMask;

  LuongAttentionVertex(LuongAttention config, ComputationGraph graph, String name, int index, INDArray paramsView,
      boolean initialize, DataType dataType) {
    super(graph, name, index, null, null, dataType);
    this.config = config;
    this.params = paramsView;
    this.paramTable = split(paramsView);
    if (initialize) {
      int hd = config.getDecoderSize();
      int he = config.getEncoderSize();
      INDArray wa = paramTable.get(LuongAttention.SCORE_WEIGHTS);
      INDArray wc = paramTable.get(LuongAttention.OUTPUT_WEIGHTS);
      new WeightInitXavier().init(hd, he, wa.shape(), 'c', wa);
      new WeightInitXavier().init(he + hd, hd, wc.shape(), 'c', wc);
    }
  }

  /** Views of {@code Wa} and {@code Wc} in a flat row vector of this vertex's parameters. */
  private Map<String, INDArray> split(INDArray flat) {
    long hd = config.getDecoderSize();
    long he = config.getEncoderSize();
    INDArray row = flat.reshape(flat.length());
    Map<String, INDArray> views = new LinkedHashMap<>();
    views.put(LuongAttention.SCORE_WEIGHTS, row.get(NDArrayIndex.interval(0, hd * he)).reshape('c', hd, he));
    views.put(LuongAttention.OUTPUT_WEIGHTS,
        row.get(NDArrayIndex.interval(hd * he, row.length())).reshape('c', he + hd, hd));
    return views;
  }

  @Override
  public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
    AttentionMath.Forward forward = AttentionMath.forward(inputs[0], inputs[1], sourceMask,
        paramTable.get(LuongAttention.SCORE_WEIGHTS), paramTable.get(LuongAttention.OUTPUT_WEIGHTS));
    INDArray hidden = forward.hidden();
    if (targetMask != null) {
      hidden = hidden.mul(targetMask.castTo(hidden.dataType()).reshape(targetMask.size(0), 1,
          targetMask.size(1)).broadcast(hidden.shape()));
    }
    return workspaceMgr.dup(ArrayType.ACTIVATIONS, hidden);
  }

  @Override
  public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
    INDArray wa = paramTable.get(LuongAttention.SCORE_WEIGHTS);
    INDArray wc = paramTable.get(LuongAttention.OUTPUT_WEIGHTS);
    AttentionMath.Forward forward = AttentionMath.forward(inputs[0], inputs[1], sourceMask, wa, wc);
    INDArray dHidden = epsilon;
    if (targetMask != null) {
      dHidden = epsilon.mul(targetMask.castTo(epsilon.dataType()).reshape(targetMask.size(0), 1,
          targetMask.size(1)).broadcast(epsilon.shape()));
    }
    AttentionMath.Backward backward = AttentionMath.backward(forward, inputs[0], inputs[1], dHidden, wa, wc);
    gradientTable.get(LuongAttention.SCORE_WEIGHTS).assign(backward.dWa());
    gradientTable.get(LuongAttention.OUTPUT_WEIGHTS).assign(backward.dWc());
    Gradient gradient = new DefaultGradient(gradients);
    gradient.setGradientFor(LuongAttention.SCORE_WEIGHTS, gradientTable.get(LuongAttention.SCORE_WEIGHTS));
    gradient.setGradientFor(LuongAttention.OUTPUT_WEIGHTS, gradientTable.get(LuongAttention.OUTPUT_WEIGHTS));
    INDArray[] epsilons = {
        workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, backward.dDecoder()),
        workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, backward.dEncoder())};
    return new Pair<>(gradient, epsilons);
  }

  @Override
  public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
    this.gradients = backpropGradientsViewArray;
    this.gradientTable = split(backpropGradientsViewArray);
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
      int minibatchSize) {
    targetMask = maskArrays == null ? null : maskArrays[0];
    sourceMask = maskArrays == null ? null : maskArrays[1];
    return new Pair<>(targetMask, currentMaskState);
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
    return paramTable;
  }

  @Override
  public LuongAttention getConfig() {
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
    return "LuongAttentionVertex(" + vertexName + ", decoder " + config.getDecoderSize() + ", encoder "
        + config.getEncoderSize() + ")";
  }
}
