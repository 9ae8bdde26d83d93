package io.g2lstm.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.checkpoint.ValidationHistory;
import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.GateMode;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

class LearningRateScheduleTest {

  private static final LearningRateSchedule PLATEAU =
      new LearningRateSchedule(0.5, LearningRateSchedule.Trigger.PLATEAU, 1, 1, 2, 0);

  @Test
  void decaysFromTheStartEpochEveryFewEpochs() {
    LearningRateSchedule schedule = new LearningRateSchedule(0.5, LearningRateSchedule.Trigger.EPOCHS, 3, 2, 1, 0);
    double[] expected = {1.0, 1.0, 0.5, 0.5, 0.25};
    for (int epoch = 1; epoch <= 5; epoch++) {
      assertEquals(expected[epoch - 1], schedule.rate(1.0, epoch, ValidationHistory.NONE), 0.0, "epoch " + epoch);
    }
  }

  @Test
  void aPlateauOfPatienceEpochsHalvesTheRateAndStartsCountingAgain() {
    double[] perplexities = {10, 8, 9, 8, 7, 7.5, 7.5, 7.5, 7.5};
    int[] decaysAfter = {0, 0, 0, 1, 1, 1, 2, 2, 3};
    ValidationHistory history = ValidationHistory.NONE;
    for (int epoch = 1; epoch <= perplexities.length; epoch++) {
      history = PLATEAU.after(history, epoch, perplexities[epoch - 1]);
      assertEquals(decaysAfter[epoch - 1], history.decays(), "after epoch " + epoch + ": " + history);
      assertEquals(Math.pow(0.5, decaysAfter[epoch - 1]), PLATEAU.rate(1.0, epoch + 1, history), 0.0);
    }
    assertEquals(5, history.bestEpoch(), "8 is no better than 8; 7 is the lowest");
    assertEquals(4, history.epochsSinceBest(9));
    assertEquals(5, PLATEAU.after(history, 10, Double.NaN).bestEpoch(), "NaN never improves");
    assertEquals(5, PLATEAU.after(history, 10, 7.0).bestEpoch(), "nor does a tie");
  }

  @Test
  void warmUpRisesLinearlyOverItsSteps() {
    WarmupRate rate = new WarmupRate(0.004, 4);
    assertEquals(0.001, rate.valueAt(0, 0), 1e-15);
    assertEquals(0.003, rate.valueAt(2, 0), 1e-15);
    assertEquals(0.004, rate.valueAt(3, 0), 1e-15);
    assertEquals(0.004, rate.valueAt(500, 7), 1e-15);
    assertEquals(0.004, new WarmupRate(0.004, 0).valueAt(0, 0), 0.0);
  }

  @Test
  void earlyStoppingWaitsPatienceEpochsAfterTheBest() {
    TrainSettings train = settings("train { optimizer = adam, early-stopping.patience = 2 }");
    ValidationHistory bestAtThree = new ValidationHistory(3, 5.0, 0, 0);
    assertFalse(train.stopsAfter(4, bestAtThree));
    assertTrue(train.stopsAfter(5, bestAtThree));
    assertFalse(settings("train.optimizer = adam").stopsAfter(50, bestAtThree), "patience 0 never stops");
  }

  @Test
  void adamGetsTheRateOfTheFirstEpochFromTheConfiguration() {
    TrainSettings train = settings("""
        train { optimizer = adam, learning-rate = 0.004, epochs = 4
          learning-rate-schedule { decay = 0.5, start-epoch = 2, warmup-steps = 10 } }
        """);
    Adam adam = (Adam) train.updater();
    assertEquals(0.0004, adam.getLearningRate(0, 0), 1e-15);
    assertEquals(0.004, adam.getLearningRate(9, 0), 1e-15);
    assertEquals(0.002, train.learningRate(2, ValidationHistory.NONE).valueAt(100, 1), 1e-15);
    assertEquals(0.0005, train.learningRate(4, ValidationHistory.NONE).valueAt(100, 3), 1e-15);
  }

  /**
   * The rate reaches every parameter: the wrapped directions of the bidirectional encoder and the attention vertex,
   * which DL4J's own {@code setLearningRate} misses, and the configuration that checkpoints and Spark's broadcast
   * carry. A rate of 0 must leave every parameter where it was.
   */
  @Test
  void theRateOfAnEpochReachesEveryParameterAndTheSavedConfiguration() {
    TrainSettings train = settings("train { optimizer = adam, learning-rate = 0.01 }");
    ComputationGraph graph = new ComputationGraph(TranslationGraph.configure(new ModelSettings("test", 8, 16, 2, 0.1,
        DecoderKind.ATTENTION_AFTER, new GateSettings(GateMode.G2, 0.9, 0.2, 1e-3), 3), 12, 12, train.updater(),
        DataType.FLOAT, 0));
    graph.init();
    ParallelIds data = TrainerTest.reversalTask(8, 1);
    MultiDataSet batch = Minibatches.encode(data, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, DataType.FLOAT);
    LearningRates.set(graph, new WarmupRate(0.0, 0));
    INDArray before = graph.params().dup();
    graph.fit(batch);
    // (DL4J's Adam kernel moves parameters by a rounding error, ~6e-8, even at rate 0; a step at 0.01 moves 1e-2.)
    assertEquals(0.0, before.sub(graph.params()).amaxNumber().doubleValue(), 1e-6, "rate 0 moves nothing");

    ComputationGraph copy = new ComputationGraph(ComputationGraphConfiguration.fromJson(
        graph.getConfiguration().toJson()));
    copy.init(before.dup(), true);
    copy.fit(batch);
    assertEquals(0.0, before.sub(copy.params()).amaxNumber().doubleValue(), 1e-6, "the saved rate is 0 too");
    LearningRates.set(copy, new WarmupRate(0.01, 0));
    copy.fit(batch);
    assertTrue(before.sub(copy.params()).amaxNumber().doubleValue() > 1e-3, "and a rate moves them again");
  }

  @Test
  void adaDeltaRejectsADecayOrAWarmUpNamingTheKey() {
    for (String key : new String[] {"decay = 0.5", "warmup-steps = 100"}) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> settings(
          "train { optimizer = adadelta, learning-rate-schedule." + key + " }"));
      assertTrue(e.getMessage().contains("train.learning-rate-schedule." + key.split(" ")[0]), e.getMessage());
      assertTrue(e.getMessage().contains("AdaDelta"), e.getMessage());
    }
  }

  private static TrainSettings settings(String train) {
    return TrainSettings.from(SettingsReader.parse("prepare.output = data\n" + train, "test.conf", Map.of()));
  }
}
