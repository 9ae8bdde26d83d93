package io.g2lstm.prep.tokenize;

import io.g2lstm.common.ConfigurationException;

/**
 * The languages for which the Moses-compatible tokenizer and detokenizer reproduce Moses's rules: English and
 * German. Each has its own list of non-breaking prefixes and, for English, its own apostrophe rules.
 */
public enum MosesLanguage {
  EN("en"),
  DE("de");

  private final String code;

  MosesLanguage(String code) {
    this.code = code;
  }

  /** The ISO 639-1 code, as Moses's {@code -l} option takes it. */
  public String code() {
    return code;
  }

  /**
   * The language with this code ({@code en} or {@code de}).
   *
   * @throws ConfigurationException for any other code
   */
  public static MosesLanguage fromCode(String code) {
    for (MosesLanguage language : values()) {
      if (language.code.equals(code)) {
        return language;
      }
    }
    throw ConfigurationException.of("Moses tokenizer", "language", "one of [en, de]",
        code == null ? "nothing" : "'" + code + "'");
  }
}
