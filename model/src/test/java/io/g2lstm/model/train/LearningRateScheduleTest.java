package io.g2lstm.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.SettingsReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

class LearningRateScheduleTest {

  @Test
  void decaysFromTheStartEpochEveryFewEpochs() {
    LearningRateSchedule schedule = new LearningRateSchedule(0.5, 3, 2);
    assertEquals(1.0, schedule.rate(1.0, 1), 0.0);
    assertEquals(1.0, schedule.rate(1.0, 2), 0.0);
    assertEquals(0.5, schedule.rate(1.0, 3), 0.0);
    assertEquals(0.5, schedule.rate(1.0, 4), 0.0);
    assertEquals(0.25, schedule.rate(1.0, 5), 0.0);
    ISchedule dl4j = schedule.toSchedule(0.01, 5);
    // DL4J counts epochs from 0.
    assertEquals(0.01, dl4j.valueAt(0, 1), 1e-15);
    assertEquals(0.005, dl4j.valueAt(0, 2), 1e-15);
    assertEquals(0.0025, dl4j.valueAt(0, 4), 1e-15);
    assertEquals(0.0025, dl4j.valueAt(0, 9), 1e-15);
  }

  @Test
  void adamGetsTheScheduleFromTheConfiguration() {
    TrainSettings train = TrainSettings.from(SettingsReader.parse("""
        prepare.output = data
        train { optimizer = adam, learning-rate = 0.004, epochs = 4
          learning-rate-schedule { decay = 0.5, start-epoch = 2 } }
        """, "test.conf"));
    Adam adam = (Adam) train.updater();
    assertEquals(0.004, adam.getLearningRate(0, 0), 1e-15);
    assertEquals(0.002, adam.getLearningRate(0, 1), 1e-15);
    assertEquals(0.0005, adam.getLearningRate(0, 3), 1e-15);
  }

  @Test
  void adaDeltaRejectsADecayNamingTheKey() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> TrainSettings.from(
        SettingsReader.parse("""
            prepare.output = data
            train { optimizer = adadelta, learning-rate-schedule.decay = 0.5 }
            """, "test.conf", Map.of())));
    assertTrue(e.getMessage().contains("train.learning-rate-schedule.decay"), e.getMessage());
    assertTrue(e.getMessage().contains("AdaDelta"), e.getMessage());
  }
}
