package io.g2lstm.model.layer;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and data for the layer tests. */
final class G2TestNets {

  static final int FEATURES = 3;
  static final int CLASSES = 2;

  private G2TestNets() {
  }

  /** A G2 layer of {@code nOut} units in {@code mode} with a fixed noise seed. */
  static G2LstmLayer layer(int nOut, GateMode mode) {
    return new G2LstmLayer.Builder().nOut(nOut).gateMode(mode).noiseSeed(7).build();
  }

  /**
   * in (3 features) -> Bidirectional(G2, 4 units, concatenated) -> G2 (3 units) -> softmax over 2 classes per
   * step: the graph of the gradient checks, in double precision with no updater.
   */
  static ComputationGraph stackedGraph(GateMode mode) {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.DOUBLE)
        .seed(12345)
        .updater(new NoOp())
        .weightInit(WeightInit.XAVIER)
        .graphBuilder()
        .addInputs("in")
        .addLayer("bi", new Bidirectional(Bidirectional.Mode.CONCAT, layer(4, mode)), "in")
        .addLayer("g2", layer(3, mode), "bi")
        .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .activation(Activation.SOFTMAX).nOut(CLASSES).build(), "g2")
        .setOutputs("out")
        .setInputTypes(InputType.recurrent(FEATURES))
        .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    return graph;
  }

  /**
   * A layer instance outside any network, with initialised parameters and a gradient view, like a network would
   * make it at {@code index}.
   */
  static G2Lstm standalone(G2LstmLayer layerConf, DataType dataType) {
    NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(dataType)
        .seed(42)
        .layer(layerConf)
        .build();
    return instance(conf, dataType);
  }

  /** Another layer instance of the same configuration object, as replicas of one model in one JVM may share it. */
  static G2Lstm instance(NeuralNetConfiguration conf, DataType dataType) {
    long numParams = conf.getLayer().initializer().numParams(conf);
    G2Lstm layer = (G2Lstm) conf.getLayer().instantiate(conf, List.of(), 0, Nd4j.create(dataType, 1, numParams),
        true, dataType);
    layer.setBackpropGradientsViewArray(Nd4j.create(dataType, 1, numParams));
    return layer;
  }

  /** Random inputs {@code [minibatch, features, steps]} from a fixed seed. */
  static INDArray input(long seed, int minibatch, int features, int steps) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, minibatch, features, steps).subi(0.5).muli(2.0);
  }

  /** One-hot labels {@code [minibatch, classes, steps]} from a fixed seed. */
  static INDArray labels(long seed, int minibatch, int classes, int steps) {
    INDArray labels = Nd4j.zeros(DataType.DOUBLE, minibatch, classes, steps);
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < minibatch; i++) {
      for (int t = 0; t < steps; t++) {
        labels.putScalar(new long[] {i, random.nextInt(classes), t}, 1.0);
      }
    }
    return labels;
  }

  /** A right-padding mask {@code [lengths.length, steps]}: example i is real for its first lengths[i] steps. */
  static INDArray mask(int steps, int... lengths) {
    INDArray mask = Nd4j.zeros(DataType.DOUBLE, lengths.length, steps);
    for (int i = 0; i < lengths.length; i++) {
      for (int t = 0; t < lengths[i]; t++) {
        mask.putScalar(i, t, 1.0);
      }
    }
    return mask;
  }
}
