package io.g2lstm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsReaderTest {

  @TempDir
  Path dir;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("job.conf");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void valuesOverrideTheDefaultsAndKeepTheirTypes() throws IOException {
    SettingsReader reader = SettingsReader.load(file("prepare { bpe.merges = 123, tokenizer.escape = false }"));
    SettingsReader prepare = reader.section("prepare");
    assertEquals(123, prepare.section("bpe").intIn("merges", 0, 1000));
    assertEquals(2, prepare.section("bpe").intIn("min-frequency", 1, 100), "default from the reference");
    assertEquals(false, prepare.section("tokenizer").bool("escape"));
  }

  @Test
  void includesAreReadAndAMissingOneIsNamed() throws IOException {
    Files.writeString(dir.resolve("base.conf"), "prepare.bpe.merges = 77\ninclude \"deeper.conf\"\n");
    Files.writeString(dir.resolve("deeper.conf"), "prepare.partitions = 3\n");
    SettingsReader reader = SettingsReader.load(file("include \"base.conf\"\nprepare.train-shards = 2\n"));
    assertEquals(77, reader.section("prepare").section("bpe").intIn("merges", 0, 1000));
    assertEquals(3, reader.section("prepare").intIn("partitions", 0, 1000));

    Path missing = file("include \"bsae.conf\"\nprepare.train-shards = 2\n");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> SettingsReader.load(missing));
    assertTrue(e.getMessage().startsWith(missing + ": include \"bsae.conf\": expected a readable file")
        && e.getMessage().contains("bsae.conf"), e.getMessage());
    Files.writeString(dir.resolve("deeper.conf"), "include \"gone.conf\"\n");
    e = assertThrows(ConfigurationException.class, () -> SettingsReader.load(file("include \"base.conf\"\n")));
    assertTrue(e.getMessage().contains("include \"gone.conf\""), e.getMessage());
  }

  @Test
  void wrongTypeNamesKeyFileAndLine() throws IOException {
    SettingsReader reader = SettingsReader.load(file("\nprepare {\n  bpe.merges = lots\n}\n"));
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> reader.section("prepare").section("bpe").intIn("merges", 0, 1000));
    assertTrue(e.getMessage().contains("job.conf:3"), e.getMessage());
    assertTrue(e.getMessage().contains("'prepare.bpe.merges'"), e.getMessage());
    assertTrue(e.getMessage().contains("expected an integer in [0, 1000]"), e.getMessage());
    assertTrue(e.getMessage().contains("lots"), e.getMessage());
  }

  @Test
  void outOfRangeIsRejected() throws IOException {
    SettingsReader reader = SettingsReader.load(file("prepare.bpe.merges = 5000"));
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> reader.section("prepare").section("bpe").intIn("merges", 0, 1000));
    assertTrue(e.getMessage().contains("found 5000"), e.getMessage());
  }

  @Test
  void missingRequiredKeyIsNamed() {
    SettingsReader reader = SettingsReader.parse("a = 1", "inline");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> reader.string("nowhere"));
    assertTrue(e.getMessage().contains("'nowhere'") && e.getMessage().contains("required"), e.getMessage());
  }

  @Test
  void unknownKeyIsReportedWithItsLine() throws IOException {
    SettingsReader reader = SettingsReader.load(file("prepare {\n  bpe {\n    mergez = 10\n  }\n}\n"));
    reader.section("prepare").section("bpe").intIn("merges", 0, 100_000);
    ConfigurationException e = assertThrows(ConfigurationException.class, reader::rejectUnknownKeys);
    assertTrue(e.getMessage().contains("'prepare.bpe.mergez'"), e.getMessage());
    assertTrue(e.getMessage().contains("job.conf:3"), e.getMessage());
  }

  @Test
  void knownKeysOfOtherJobsAndFreePathsAreAccepted() throws IOException {
    SettingsReader reader = SettingsReader.load(file("paths.mine = x\nprepare.partitions = 3\n"));
    reader.rejectUnknownKeys();
  }

  @Test
  void choiceListsTheAllowedValues() {
    SettingsReader reader = SettingsReader.parse("mode = sideways", "inline");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> reader.choice("mode", java.time.DayOfWeek.class));
    assertTrue(e.getMessage().contains("one of monday, tuesday"), e.getMessage());
  }

  @Test
  void sectionListElementsRejectUnknownKeys() {
    SettingsReader reader = SettingsReader.parse("items = [{ a = 1 }, { a = 2, b = 3 }]", "inline");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> reader.sectionList("items", Set.of("a")));
    assertTrue(e.getMessage().contains("'items[1].b'"), e.getMessage());
  }

  @Test
  void sectionListElementErrorsNameTheElement() {
    SettingsReader reader = SettingsReader.parse("items = [{ a = x }]", "inline");
    SettingsReader element = reader.sectionList("items", Set.of("a")).get(0);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> element.intIn("a", 0, 9));
    assertTrue(e.getMessage().contains("'items[0].a'"), e.getMessage());
  }

  @Test
  void overridesWinAndFeedSubstitutions() throws IOException {
    SettingsReader reader = SettingsReader.load(file("paths.work = a\nprepare.output = ${paths.work}\"/out\"\n"),
        Map.of("paths.work", "/tmp/b"));
    assertEquals("/tmp/b/out", reader.section("prepare").string("output"));
  }

  @Test
  void missingFileIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SettingsReader.load(dir.resolve("absent.conf")));
    assertTrue(e.getMessage().contains("absent.conf") && e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void syntaxErrorNamesTheFile() throws IOException {
    Path f = file("prepare { bpe.merges = ");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> SettingsReader.load(f));
    assertTrue(e.getMessage().contains("job.conf"), e.getMessage());
  }
}
