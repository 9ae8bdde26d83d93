package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.JobSettings;
import io.g2lstm.prep.pipeline.PrepareSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set key=value}: HOCON values over the file, checked like the file's keys and kept in the provenance. */
class SettingOverridesTest {

  @TempDir
  Path dir;

  @Test
  void valuesAreReadAsHoconAndTextStaysAsTyped() {
    Map<String, Object> overrides = SettingOverrides.parse(List.of("train.epochs=3", "train.learning-rate=5e-4",
        "model.gate.mode=g2", "prepare.output=hdfs://nn:8020/data/prepared", "a.list=[1, 2]", "a.flag=true",
        "a.quoted=\"x y\"", "a.empty=", "train.epochs = 4"));
    assertEquals(Map.of("train.epochs", 4, "train.learning-rate", 5e-4, "model.gate.mode", "g2",
        "prepare.output", "hdfs://nn:8020/data/prepared", "a.list", List.of(1, 2), "a.flag", true, "a.quoted", "x y",
        "a.empty", ""), overrides);
    assertEquals(List.of("train.learning-rate", "model.gate.mode", "prepare.output", "a.list", "a.flag", "a.quoted",
        "a.empty", "train.epochs"), List.copyOf(overrides.keySet()), "a later --set of a key wins");
  }

  @Test
  void aSettingWithoutKeyOrEqualsSignIsAConfigurationError() {
    assertEquals("--set 'train.epochs': expected key=value (a HOCON path, '=', its value), found no '='",
        assertThrows(ConfigurationException.class, () -> SettingOverrides.parse(List.of("train.epochs")))
            .getMessage());
    assertEquals("--set '=3': expected key=value (a HOCON path, '=', its value), found no key",
        assertThrows(ConfigurationException.class, () -> SettingOverrides.parse(List.of("=3"))).getMessage());
    assertEquals("--set 'train..epochs=3': expected a HOCON path before '=' (such as train.epochs), found "
        + "'train..epochs'", assertThrows(ConfigurationException.class,
            () -> SettingOverrides.parse(List.of("train..epochs=3"))).getMessage());
  }

  @Test
  void overridesApplyOverTheFileAreCheckedAndAreInTheResolvedConfiguration() throws Exception {
    Path conf = Files.writeString(dir.resolve("job.conf"), "prepare.corpora.train = [{ format = plain, "
        + "source = a.en, target = a.de }]\nprepare.bpe.merges = 100\n");
    CommandLine cli = new CommandLine("prepare").option("--conf").option(SettingOverrides.OPTION)
        .parse(List.of("--conf", conf.toString(), "--set", "prepare.bpe.merges=250", "--set=prepare.partitions=3"));
    JobSettings<PrepareSettings> job = JobSettings.read(JobCommands.settings(cli), PrepareSettings::from);
    assertEquals(250, job.settings().bpeMerges());
    assertEquals(3, job.settings().partitions());
    assertTrue(job.resolved().contains("merges=250"), job.resolved());

    CommandLine misspelt = new CommandLine("prepare").option("--conf").option(SettingOverrides.OPTION)
        .parse(List.of("--conf", conf.toString(), "--set", "prepare.bpe.mergez=250"));
    assertEquals("command line: key 'prepare.bpe.mergez': expected a known setting (see the defaults in "
        + "g2lstm-reference.conf), found an unknown key", assertThrows(ConfigurationException.class,
            () -> JobSettings.read(JobCommands.settings(misspelt), PrepareSettings::from)).getMessage());
    CommandLine wrongType = new CommandLine("prepare").option("--conf").option(SettingOverrides.OPTION)
        .parse(List.of("--conf", conf.toString(), "--set", "prepare.bpe.merges=many"));
    assertTrue(assertThrows(ConfigurationException.class, () -> JobSettings.read(JobCommands.settings(wrongType),
        PrepareSettings::from)).getMessage().contains("key 'prepare.bpe.merges': expected an integer"));
  }

  @Test
  void everyJobTakesSetAndABadOneExitsWithStatusTwoOnOneLine() {
    for (String job : List.of("prepare", "train", "evaluate", "sweep", "gates", "report")) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Main.run(new String[] {job, "--conf", "missing.conf", "--set", "no-equals-sign"},
          new PrintStream(err, true, StandardCharsets.UTF_8));
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, status, job + ": " + message);
      assertEquals(1, message.lines().count(), message);
      assertTrue(message.contains("--set 'no-equals-sign': expected key=value"), message);
      assertTrue(Main.usage(Optional.of(job)).contains("[--set K=V]..."), job);
    }
  }
}
