package io.g2lstm.prep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.prep.corpus.CorpusFormat;
import io.g2lstm.prep.corpus.InvalidUtf8Policy;
import io.g2lstm.prep.corpus.Split;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrepareSettingsTest {

  private static final String MINIMAL =
      "prepare.corpora.train = [{ format = plain, source = a.en, target = a.de }]\n";

  private static PrepareSettings parse(String text) {
    return JobSettings.read(SettingsReader.parse(text, "test.conf"), PrepareSettings::from).settings();
  }

  /** The sections of other modules are checked where their defaults are on the class path (spark-jobs). */
  @ParameterizedTest
  @ValueSource(strings = {"demo.conf", "multi30k.conf", "iwslt14-de-en.conf", "wmt14-en-de.conf"})
  void shippedConfigurationsHaveValidPrepareSections(String name) {
    PrepareSettings settings = PrepareSettings.from(SettingsReader.load(Path.of("..", "conf", name)));
    assertTrue(settings.corpora().stream().anyMatch(c -> c.split() == Split.TRAIN));
  }

  @Test
  void wmt14UsesThePaperSettingsAndTheRealLayout() {
    SettingsReader reader = SettingsReader.load(Path.of("..", "conf", "wmt14-en-de.conf"),
        Map.of("paths.wmt14-root", "/data/w"));
    PrepareSettings s = PrepareSettings.from(reader);
    assertEquals(30000, s.bpeMerges());
    assertEquals(64, s.filter().maxLength());
    assertEquals(3, s.corpora().stream().filter(c -> c.split() == Split.TRAIN).count());
    assertTrue(s.corpora().stream().anyMatch(c -> c.source().equals("/data/w/training/europarl-v7.de-en.en")));
    assertTrue(s.corpora().stream().anyMatch(c -> c.format() == CorpusFormat.SGM
        && c.target().equals("/data/w/test-full/newstest2014-deen-ref.de.sgm")));
  }

  @Test
  void defaultsApply() {
    PrepareSettings s = parse(MINIMAL);
    assertEquals(InvalidUtf8Policy.REPLACE, s.invalidUtf8());
    assertEquals("a.en", s.corpora().get(0).name());
    assertTrue(s.aggressiveHyphenSplit());
  }

  @Test
  void unknownLanguageNamesTheKey() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> parse(MINIMAL + "prepare.source-language = fr\n"));
    assertTrue(e.getMessage().contains("'prepare.source-language'") && e.getMessage().contains("\"fr\""),
        e.getMessage());
  }

  @Test
  void noTrainingCorpusIsAnError() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> parse("prepare.partitions = 1"));
    assertTrue(e.getMessage().contains("'prepare.corpora.train'"), e.getMessage());
  }

  @Test
  void unknownCorpusKeyIsNamed() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> parse(
        "prepare.corpora.train = [{ format = plain, source = a, target = b, sauce = c }]"));
    assertTrue(e.getMessage().contains("'prepare.corpora.train[0].sauce'"), e.getMessage());
  }

  @Test
  void unknownFormatListsTheChoices() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> parse(
        "prepare.corpora.train = [{ format = xml, source = a, target = b }]"));
    assertTrue(e.getMessage().contains("one of plain, sgm, tsv"), e.getMessage());
  }

  @Test
  void misspeltKeyIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> parse(MINIMAL + "prepare.filter.max-lenght = 50\n"));
    assertTrue(e.getMessage().contains("'prepare.filter.max-lenght'"), e.getMessage());
  }

  @Test
  void wrongTypeIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> parse(MINIMAL + "prepare.train-shards = many\n"));
    assertTrue(e.getMessage().contains("'prepare.train-shards'") && e.getMessage().contains("test.conf:2"),
        e.getMessage());
  }

  @Test
  void tsvNeedsTwoDifferentColumns() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> parse(
        "prepare.corpora.train = [{ format = tsv, source = a.tsv, source-column = 1, target-column = 1 }]"));
    assertTrue(e.getMessage().contains("target-column"), e.getMessage());
  }
}
