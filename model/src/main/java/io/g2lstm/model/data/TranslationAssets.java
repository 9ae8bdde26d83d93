package io.g2lstm.model.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.common.DataException;
import io.g2lstm.common.TextFiles;
import io.g2lstm.prep.bpe.BpeCodes;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.prep.pipeline.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What turns text into model inputs and back, as {@code prepare} wrote it: the languages and tokenizer options (from
 * {@code manifest.json}), the joint BPE codes and the two vocabularies. A prepared-data directory and a checkpoint
 * directory hold the same files, so both load through {@link #load}.
 */
public record TranslationAssets(String sourceLanguage, String targetLanguage, boolean aggressiveHyphenSplit,
    boolean escape, BpeCodes codes, Vocabulary sourceVocabulary, Vocabulary targetVocabulary) {

  /** The files that make up the assets, copied into every checkpoint. */
  public static final List<String> FILES = List.of(PrepareManifest.MANIFEST, PrepareManifest.BPE_CODES,
      PrepareManifest.SOURCE_VOCABULARY, PrepareManifest.TARGET_VOCABULARY);

  /** Loads the assets of a prepared-data or checkpoint directory. */
  public static TranslationAssets load(Path dir) {
    Path manifestFile = dir.resolve(PrepareManifest.MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new DataException(dir + ": expected the output of 'prepare' or a checkpoint (with "
          + PrepareManifest.MANIFEST + "), found no " + PrepareManifest.MANIFEST);
    }
    Config manifest = manifest(manifestFile);
    try {
      String format = manifest.getString("format");
      if (!format.equals(PrepareManifest.FORMAT)) {
        throw DataException.in(manifestFile.toString(), "format " + PrepareManifest.FORMAT, format);
      }
      return new TranslationAssets(manifest.getString("source_language"), manifest.getString("target_language"),
          manifest.getBoolean("tokenizer.aggressive_hyphen_split"), manifest.getBoolean("tokenizer.escape"),
          BpeCodes.read(dir.resolve(PrepareManifest.BPE_CODES)),
          TextFiles.read(dir.resolve(PrepareManifest.SOURCE_VOCABULARY), Vocabulary::read),
          TextFiles.read(dir.resolve(PrepareManifest.TARGET_VOCABULARY), Vocabulary::read));
    } catch (ConfigException e) {
      throw new DataException(manifestFile + ": expected a g2lstm manifest, found " + e.getMessage(), e);
    }
  }

  private static Config manifest(Path file) {
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    } catch (ConfigException e) {
      throw new DataException(file + ": expected JSON, found " + e.getMessage(), e);
    }
  }

  /** Copies the asset files of {@code from} (a prepared-data or checkpoint directory) into {@code to}. */
  public static void copyFiles(Path from, Path to) {
    try {
      for (String file : FILES) {
        Files.copy(from.resolve(file), to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("copying the vocabularies and BPE codes from " + from + " to " + to, e);
    }
  }

  /** Fails unless {@code other} has the same vocabularies: a model trained on one cannot read the other's ids. */
  public void requireSameVocabularies(TranslationAssets other, String thisName, String otherName) {
    Optional<String> source = sourceVocabulary.firstDifference(other.sourceVocabulary);
    Optional<String> target = targetVocabulary.firstDifference(other.targetVocabulary);
    if (source.isPresent() || target.isPresent()) {
      throw new DataException(otherName + ": expected the vocabularies of " + thisName + ", found another "
          + (source.isPresent() ? "source vocabulary (" + PrepareManifest.SOURCE_VOCABULARY + " " + source.get()
              + ")" : "target vocabulary (" + PrepareManifest.TARGET_VOCABULARY + " " + target.get() + ")"));
    }
  }
}
