package io.g2lstm.prep.pipeline;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.prep.corpus.CorpusSpec;
import io.g2lstm.prep.corpus.InvalidUtf8Policy;
import io.g2lstm.prep.corpus.Split;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The settings of the {@code prepare} job, read from the {@code prepare} section of a HOCON file and checked here,
 * once. Each value's meaning is documented beside its default in {@code g2lstm-reference.conf}.
 */
public record PrepareSettings(
    String output,
    String sourceLanguage,
    String targetLanguage,
    List<CorpusSpec> corpora,
    InvalidUtf8Policy invalidUtf8,
    int maxLineBytes,
    boolean aggressiveHyphenSplit,
    boolean escape,
    int bpeMerges,
    int bpeMinFrequency,
    boolean bpeTotalSymbols,
    int sourceVocabularySize,
    int targetVocabularySize,
    LengthFilter filter,
    int partitions,
    int trainShards) implements Serializable {

  static final Set<String> LANGUAGES = Set.of("en", "de");
  public PrepareSettings {
    corpora = List.copyOf(corpora);
  }

  /** Reads and checks the {@code prepare} section. */
  public static PrepareSettings from(SettingsReader root) {
    SettingsReader s = root.section("prepare");
    String sourceLanguage = language(s, "source-language");
    String targetLanguage = language(s, "target-language");
    List<CorpusSpec> corpora = new ArrayList<>();
    SettingsReader corporaSection = s.section("corpora");
    for (Split split : Split.values()) {
      for (SettingsReader c : corporaSection.sectionList(split.label(), CorpusSpec.KEYS)) {
        corpora.add(CorpusSpec.from(c, split));
      }
    }
    if (corpora.stream().noneMatch(c -> c.split() == Split.TRAIN)) {
      throw corporaSection.invalid("train", "at least one training corpus", "an empty list");
    }
    SettingsReader tokenizer = s.section("tokenizer");
    SettingsReader bpe = s.section("bpe");
    SettingsReader vocabulary = s.section("vocabulary");
    SettingsReader filter = s.section("filter");
    int minLength = filter.intIn("min-length", 1, 100_000);
    int maxLength = filter.intIn("max-length", minLength, 100_000);
    return new PrepareSettings(
        s.nonBlankString("output"),
        sourceLanguage,
        targetLanguage,
        corpora,
        s.choice("invalid-utf8", InvalidUtf8Policy.class),
        s.intIn("max-line-bytes", 16, 1 << 30),
        tokenizer.bool("aggressive-hyphen-split"),
        tokenizer.bool("escape"),
        bpe.intIn("merges", 0, 10_000_000),
        bpe.intIn("min-frequency", 1, Integer.MAX_VALUE),
        bpe.bool("total-symbols"),
        vocabulary.intIn("source-size", 1, 10_000_000),
        vocabulary.intIn("target-size", 1, 10_000_000),
        new LengthFilter(minLength, maxLength, filter.doubleIn("max-length-ratio", 1.0, Double.MAX_VALUE)),
        s.intIn("partitions", 0, 1_000_000),
        s.intIn("train-shards", 1, 100_000));
  }

  private static String language(SettingsReader s, String key) {
    String language = s.string(key);
    if (!LANGUAGES.contains(language)) {
      throw s.invalid(key, "one of [de, en] (the languages the tokenizer knows)", "\"" + language + "\"");
    }
    return language;
  }
}
