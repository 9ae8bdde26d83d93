package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.model.train.TrainSettings;
import io.g2lstm.prep.pipeline.PrepareSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every configuration in conf/ is valid in all its sections, with every module's defaults on the class path. */
class ShippedConfigurationsTest {

  private record Sections(PrepareSettings prepare, ModelSettings model, TrainSettings train) {

    static Sections from(SettingsReader config) {
      return new Sections(PrepareSettings.from(config), ModelSettings.from(config), TrainSettings.from(config));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo.conf", "multi30k.conf", "multi30k-g2-input-feeding.conf", "iwslt14-de-en.conf",
      "wmt14-en-de.conf"})
  void everySectionIsValidAndNoKeyIsUnknown(String name) {
    Sections read = JobSettings.read(SettingsReader.load(Path.of("..", "conf", name)), Sections::from).settings();
    PrepareSettings prepare = read.prepare();
    ModelSettings model = read.model();
    TrainSettings train = read.train();
    assertEquals(prepare.output(), train.data(), "train reads what prepare writes");
    assertEquals(GateMode.G2, model.gate().mode());
  }

  @Test
  void thePaperModelsHaveThePaperShapes() {
    ModelSettings iwslt = ModelSettings.from(SettingsReader.load(Path.of("..", "conf", "iwslt14-de-en.conf")));
    assertEquals(2, iwslt.layers());
    assertEquals(256, iwslt.embeddingSize());
    assertEquals(256, iwslt.hiddenSize());
    ModelSettings wmt = ModelSettings.from(SettingsReader.load(Path.of("..", "conf", "wmt14-en-de.conf")));
    assertEquals(3, wmt.layers());
    assertEquals(512, wmt.embeddingSize());
    assertEquals(1024, wmt.hiddenSize());
    assertTrue(TrainSettings.from(SettingsReader.load(Path.of("..", "conf", "wmt14-en-de.conf"))).optimizer()
        == TrainSettings.Optimizer.ADADELTA);
  }
}
