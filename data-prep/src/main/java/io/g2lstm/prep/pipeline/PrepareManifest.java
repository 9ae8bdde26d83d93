package io.g2lstm.prep.pipeline;

import io.g2lstm.common.Json;
import io.g2lstm.common.fs.OutputOwner;
import io.g2lstm.prep.corpus.CorpusSpec;
import io.g2lstm.prep.corpus.Split;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@code prepare} run wrote, as {@code manifest.json} beside its output: the languages and tokenizer
 * options (which translation needs to process new text the same way), the corpora, the BPE
 * and vocabulary sizes, the counts per split (read, kept, dropped per reason), a digest of the configuration and a
 * SHA-256 of every file. It holds no timestamps, so the same configuration gives the same manifest.
 */
public record PrepareManifest(String sourceLanguage, String targetLanguage, boolean aggressiveHyphenSplit,
    boolean escape, String configurationSha256,
    List<CorpusSpec> corpora, int bpeMergesRequested, int bpeMergesLearned, int sourceVocabularySize,
    int targetVocabularySize, PrepareStatistics.Summary statistics, int trainShards, Map<String, String> files) {

  public static final String FORMAT = "g2lstm-prepared/1";
  public static final String MANIFEST = "manifest.json";
  /** The manifest marks a directory as prepared data, which a later {@code prepare} may replace. */
  public static final OutputOwner OWNER = OutputOwner.manifest("prepare", MANIFEST, FORMAT);
  public static final String CONFIGURATION = "prepare.conf";
  public static final String BPE_CODES = "bpe.codes";
  public static final String SOURCE_VOCABULARY = "vocab.src";
  public static final String TARGET_VOCABULARY = "vocab.tgt";

  public PrepareManifest {
    corpora = List.copyOf(corpora);
    files = Map.copyOf(files);
  }

  /** The directory of a split's Parquet shards, relative to the output. */
  public static String shardDirectory(Split split) {
    return "shards/" + split.label();
  }

  /** Assembles the manifest of a finished run. */
  public static PrepareManifest of(PrepareSettings settings, String configurationSha256, int mergesLearned,
      int sourceVocabularySize, int targetVocabularySize, PrepareStatistics.Summary statistics,
      Map<String, String> files) {
    return new PrepareManifest(settings.sourceLanguage(), settings.targetLanguage(),
        settings.aggressiveHyphenSplit(), settings.escape(), configurationSha256,
        settings.corpora(), settings.bpeMerges(), mergesLearned, sourceVocabularySize, targetVocabularySize,
        statistics, settings.trainShards(), files);
  }

  /** The manifest as JSON, keys in a fixed order. */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("source_language", sourceLanguage);
    json.put("target_language", targetLanguage);
    Map<String, Object> tokenizer = new LinkedHashMap<>();
    tokenizer.put("aggressive_hyphen_split", aggressiveHyphenSplit);
    tokenizer.put("escape", escape);
    json.put("tokenizer", tokenizer);
    json.put("configuration_sha256", configurationSha256);
    List<Object> corpusList = new ArrayList<>();
    for (CorpusSpec c : corpora) {
      Map<String, Object> corpus = new LinkedHashMap<>();
      corpus.put("name", c.name());
      corpus.put("split", c.split().label());
      corpus.put("format", c.format());
      corpus.put("source", c.source());
      corpus.put("target", c.target());
      corpusList.add(corpus);
    }
    json.put("corpora", corpusList);
    Map<String, Object> bpe = new LinkedHashMap<>();
    bpe.put("file", BPE_CODES);
    bpe.put("merges_requested", bpeMergesRequested);
    bpe.put("merges_learned", bpeMergesLearned);
    json.put("bpe", bpe);
    Map<String, Object> vocabulary = new LinkedHashMap<>();
    vocabulary.put("source_file", SOURCE_VOCABULARY);
    vocabulary.put("source_size", sourceVocabularySize);
    vocabulary.put("target_file", TARGET_VOCABULARY);
    vocabulary.put("target_size", targetVocabularySize);
    json.put("vocabulary", vocabulary);
    Map<String, Object> splits = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      Map<String, Object> counts = statistics.get(split).toJson();
      counts.put("shards", shardDirectory(split));
      splits.put(split.label(), counts);
    }
    json.put("splits", splits);
    json.put("train_shards", trainShards);
    json.put("files", new TreeMap<>(files));
    return Json.write(json);
  }
}
