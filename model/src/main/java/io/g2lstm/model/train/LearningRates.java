package io.g2lstm.model.train;

import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Sets the learning rate of a model between epochs. DL4J's own {@code ComputationGraph.setLearningRate} reaches
 * only plain layers, not the wrapped directions of a {@code Bidirectional} layer nor vertices with parameters (the
 * attention), so the rate is set here on every optimizer configuration the model uses: those its updater applies now,
 * and those of its configuration, which checkpoints save and Spark broadcasts to the workers every round.
 */
final class LearningRates {

  private LearningRates() {}

  /** Gives every Adam configuration of {@code graph} the rate {@code schedule}; optimizers without a rate are left. */
  static void set(ComputationGraph graph, ISchedule schedule) {
    for (UpdaterBlock block : graph.getUpdater().getUpdaterBlocks()) {
      set(block.getGradientUpdater().getConfig(), schedule);
    }
    for (org.deeplearning4j.nn.graph.vertex.GraphVertex vertex : graph.getVertices()) {
      GraphVertex configured = graph.getConfiguration().getVertices().get(vertex.getVertexName());
      TrainingConfig config = configured instanceof LayerVertex layer ? layer.getLayerConf().getLayer()
          : configured instanceof TrainingConfig trainable ? trainable : null;
      if (config != null && vertex.numParams() > 0) {
        for (String parameter : vertex.paramTable(false).keySet()) {
          set(config.getUpdaterByParam(parameter), schedule);
        }
      }
    }
  }

  private static void set(IUpdater updater, ISchedule schedule) {
    if (updater.hasLearningRate()) {
      updater.setLrAndSchedule(Double.NaN, schedule);
    }
  }
}
