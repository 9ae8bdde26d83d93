package io.g2lstm.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The settings of one run of a job, read once where the command line is parsed and handed down whole: the typed
 * settings, the resolved configuration (defaults included) that every result is written beside, and digests of it.
 *
 * <p>{@link #read} is the only way to finish reading a configuration: it builds the settings, then rejects any key
 * of the user's file that they did not read and the defaults do not know, so no caller can check too early or
 * forget to check.
 *
 * @param settings the typed settings the job runs with
 * @param resolved the resolved configuration as HOCON text, for provenance files
 * @param digest SHA-256 (hex) of {@code resolved}
 * @param sectionDigests SHA-256 (hex) of each top-level section's canonical JSON, by section name
 */
public record JobSettings<S>(S settings, String resolved, String digest, Map<String, String> sectionDigests) {

  public JobSettings {
    sectionDigests = Map.copyOf(sectionDigests);
  }

  /** Builds the settings from {@code config} with {@code settingsOf}, then checks for unknown keys. */
  public static <S> JobSettings<S> read(SettingsReader config, Function<SettingsReader, S> settingsOf) {
    S settings = settingsOf.apply(config);
    config.rejectUnknownKeys();
    String resolved = config.renderResolved();
    Map<String, String> sections = new TreeMap<>();
    for (String section : config.topLevelSections()) {
      sections.put(section, sha256(config.canonicalJson(section)));
    }
    return new JobSettings<>(settings, resolved, sha256(resolved), sections);
  }

  /** The same configuration with settings derived from these (one job's share of a run of several). */
  public <T> JobSettings<T> map(Function<S, T> part) {
    return new JobSettings<>(part.apply(settings), resolved, digest, sectionDigests);
  }

  /** The digest of one top-level section, which changes only when a setting in that section does. */
  public String sectionDigest(String section) {
    String value = sectionDigests.get(section);
    if (value == null) {
      throw new IllegalArgumentException("section '" + section + "': expected one of " + sectionDigests.keySet()
          + ", found none of that name");
    }
    return value;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256: expected every Java runtime to have it, found none", e);
    }
  }
}
