package io.g2lstm.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.SettingsReader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replicas' learning rate: {@code train.learning-rate} scaled for the workers as the settings say. */
class SparkTrainSettingsTest {

  @Test
  void theReplicasLearningRateIsScaledForTheWorkers() {
    assertEquals(0.001, replicaRate(4, "none", "adam"), 1e-15);
    assertEquals(0.004, replicaRate(4, "linear", "adam"), 1e-15);
    assertEquals(0.002, replicaRate(4, "sqrt", "adam"), 1e-15);
    assertEquals(0.001, replicaRate(1, "linear", "adam"), 1e-15, "one worker: nothing to scale for");
    assertEquals(0.001, replicaRate(2, "none", "adadelta"), 1e-15);
  }

  @Test
  void scalingAdaDeltaOrAnUnknownRuleIsAnErrorNamingTheKey() {
    ConfigurationException adaDelta = assertThrows(ConfigurationException.class,
        () -> replicaRate(2, "linear", "adadelta"));
    assertTrue(adaDelta.getMessage().contains("train.spark.learning-rate-scaling")
        && adaDelta.getMessage().contains("AdaDelta has no learning rate to scale")
        && adaDelta.getMessage().contains("linear"), adaDelta.getMessage());
    ConfigurationException unknown = assertThrows(ConfigurationException.class,
        () -> replicaRate(2, "quadratic", "adam"));
    assertTrue(unknown.getMessage().contains("train.spark.learning-rate-scaling"), unknown.getMessage());
  }

  private static double replicaRate(int workers, String scaling, String optimizer) {
    Map<String, Object> settings = new HashMap<>(Map.of("train.spark.workers", workers,
        "train.spark.learning-rate-scaling", scaling, "train.optimizer", optimizer, "train.learning-rate", 0.001));
    return SparkTrainer.Settings.from(SettingsReader.parse("", "test", settings)).train().learningRate();
  }
}
