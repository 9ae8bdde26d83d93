package io.g2lstm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.SettingsReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSettingsTest {

  private static ModelSettings read(String name) {
    return ModelSettings.from(SettingsReader.parse("model.name = \"" + name + "\"\n", "test.conf"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../victim", "a/b", ".hidden", "-dash", "two words", "x\\\\y"})
  void aNameThatIsNotOnePathComponentIsRefusedWithItsKey(String name) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(name));
    assertTrue(e.getMessage().startsWith("test.conf:1: key 'model.name': expected letters, digits and . _ : + -"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"iwslt14-de-en", "wmt14.en_de", "m30k:v2+g2"})
  void namesThatArePathComponentsPass(String name) {
    assertEquals(name, read(name).name());
  }

  @ParameterizedTest
  @ValueSource(ints = {ModelSettings.MAX_NAME_LENGTH, ModelSettings.MAX_NAME_LENGTH + 1})
  void aNameLeavesRoomForTheRunIdsMadeFromIt(int length) {
    String name = "m".repeat(length);
    if (length <= ModelSettings.MAX_NAME_LENGTH) {
      assertEquals(name, read(name).name());
    } else {
      assertTrue(assertThrows(ConfigurationException.class, () -> read(name)).getMessage()
          .contains("at most " + ModelSettings.MAX_NAME_LENGTH));
    }
  }
}
