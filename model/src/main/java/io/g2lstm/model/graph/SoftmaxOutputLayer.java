package io.g2lstm.model.graph;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * Configuration of the translation graph's output layer: DL4J's {@link RnnOutputLayer} with a softmax and the sparse
 * cross-entropy loss (so it has the same parameters, {@code W} [nIn, V] and {@code b}, and serialises as one), whose
 * implementation {@link SoftmaxOutput} computes projection, softmax, loss and gradients once per step with the
 * products in the layouts ND4J's BLAS path takes ({@link SoftmaxCrossEntropy}). DL4J's own implementation computes the
 * projection and the softmax twice per training step (once for the gradient, once for the score).
 */
public class SoftmaxOutputLayer extends RnnOutputLayer {

  /** The share of each target spread uniformly over the vocabulary in training (label smoothing); 0 for none. */
  private double labelSmoothing;

  /** For Jackson: configurations are read back field by field. */
  SoftmaxOutputLayer() {}

  /**
   * @param dropout dropout probability on the layer's input (0 for none)
   * @param labelSmoothing see {@link #getLabelSmoothing}
   */
  public static SoftmaxOutputLayer of(int nIn, int classes, double dropout, double labelSmoothing) {
    RnnOutputLayer.Builder builder = new RnnOutputLayer.Builder(new LossSparseMCXENT()).nIn(nIn).nOut(classes)
        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW);
    RnnOutputLayer stock = builder.build();
    SoftmaxOutputLayer layer = new SoftmaxOutputLayer();
    layer.setNIn(stock.getNIn());
    layer.setNOut(stock.getNOut());
    layer.setLossFn(stock.getLossFn());
    layer.setActivationFn(stock.getActivationFn());
    layer.setRnnDataFormat(stock.getRnnDataFormat());
    layer.setHasBias(stock.hasBias());
    layer.setBiasInit(stock.getBiasInit());
    layer.setGainInit(stock.getGainInit());
    if (dropout > 0) {
      layer.setIDropout(new Dropout(1.0 - dropout));
    }
    layer.labelSmoothing = labelSmoothing;
    return layer;
  }

  /** The share of each target spread uniformly over the vocabulary in training (label smoothing); 0 for none. */
  public double getLabelSmoothing() {
    return labelSmoothing;
  }

  public void setLabelSmoothing(double labelSmoothing) {
    this.labelSmoothing = labelSmoothing;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SoftmaxOutputLayer other && super.equals(o)
        && Double.compare(labelSmoothing, other.labelSmoothing) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Double.hashCode(labelSmoothing);
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    LayerValidation.assertNInNOutSet("SoftmaxOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
    SoftmaxOutput layer = new SoftmaxOutput(conf, networkDataType);
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(layerParamsView);
    Map<String, INDArray> parameters = initializer().init(conf, layerParamsView, initializeParams);
    layer.setParamTable(parameters);
    layer.setConf(conf);
    return layer;
  }
}
