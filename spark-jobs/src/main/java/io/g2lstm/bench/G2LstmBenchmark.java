package io.g2lstm.bench;

import io.g2lstm.model.layer.G2Lstm;
import io.g2lstm.model.layer.G2LstmLayer;
import io.g2lstm.model.layer.GateMode;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times one {@link G2Lstm} layer on random data: a training forward pass, and a training forward pass followed by
 * backpropagation through time, as a network's fit would run them. Prints nothing.
 */
public final class G2LstmBenchmark {

  /**
   * Medians over the measured rounds.
   *
   * @param forwardMillis one training forward pass
   * @param forwardBackwardMillis one training forward pass and its backward pass
   */
  public record Result(double forwardMillis, double forwardBackwardMillis) {}

  private G2LstmBenchmark() {
  }

  /**
   * Runs {@code warmupRounds} untimed rounds (JIT, buffer allocation), then {@code measuredRounds} timed ones on
   * the same random input {@code [minibatch, nIn, timeSteps]}.
   */
  public static Result run(int minibatch, int timeSteps, int nIn, int nOut, GateMode mode, DataType dataType,
      int warmupRounds, int measuredRounds) {
    NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(dataType)
        .seed(1)
        .layer(new G2LstmLayer.Builder().nIn(nIn).nOut(nOut).gateMode(mode).build())
        .build();
    long numParams = conf.getLayer().initializer().numParams(conf);
    G2Lstm layer = (G2Lstm) conf.getLayer().instantiate(conf, List.of(), 0, Nd4j.create(dataType, 1, numParams),
        true, dataType);
    layer.setBackpropGradientsViewArray(Nd4j.create(dataType, 1, numParams));
    LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
    INDArray input = Nd4j.rand(dataType, minibatch, nIn, timeSteps);
    INDArray epsilon = Nd4j.rand(dataType, minibatch, nOut, timeSteps);

    Measurement.Summary summary = Measurement.run(warmupRounds, measuredRounds, figures -> {
      figures.time("forward", () -> layer.activate(input, true, workspaces));
      figures.time("forward and backward", () -> {
        layer.activate(input, true, workspaces);
        layer.backpropGradient(epsilon, workspaces);
      });
    });
    return new Result(1000 * summary.median("forward"), 1000 * summary.median("forward and backward"));
  }
}
