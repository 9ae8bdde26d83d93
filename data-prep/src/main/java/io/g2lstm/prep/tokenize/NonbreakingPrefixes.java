package io.g2lstm.prep.tokenize;

import io.g2lstm.common.DataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The words after which a period does not end a sentence (abbreviations, titles, initials), so that the tokenizer
 * leaves the period attached. As in Moses there are two kinds: plain prefixes, and those that are non-breaking only
 * when the next word starts with a digit ({@code No. 5}), marked {@value #NUMERIC_ONLY_MARKER} in the list.
 *
 * <p>The lists are resources {@code nonbreaking-prefixes.<code>} beside this class: one prefix per line, without
 * its period; blank lines and lines starting with {@code #} are ignored.
 */
public final class NonbreakingPrefixes implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Follows a prefix, after whitespace, to mark it non-breaking only before a number. */
  public static final String NUMERIC_ONLY_MARKER = "#NUMERIC_ONLY#";

  private final Set<String> plain;
  private final Set<String> numericOnly;

  private NonbreakingPrefixes(Set<String> plain, Set<String> numericOnly) {
    this.plain = Set.copyOf(plain);
    this.numericOnly = Set.copyOf(numericOnly);
  }

  /** The bundled list for the language. */
  public static NonbreakingPrefixes forLanguage(MosesLanguage language) {
    String resource = "nonbreaking-prefixes." + language.code();
    try (InputStream in = NonbreakingPrefixes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw DataException.in(resource, "a resource beside " + NonbreakingPrefixes.class.getName(),
            "none on the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(resource, reader.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  /**
   * Parses a list in the resource format.
   *
   * @param origin names the list in error messages
   * @throws DataException for a prefix containing whitespace, or listed both plain and numeric-only
   */
  public static NonbreakingPrefixes parse(String origin, List<String> lines) {
    Set<String> plain = new HashSet<>();
    Set<String> numericOnly = new HashSet<>();
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean isNumericOnly = line.endsWith(NUMERIC_ONLY_MARKER);
      String prefix = isNumericOnly
          ? line.substring(0, line.length() - NUMERIC_ONLY_MARKER.length()).strip()
          : line;
      if (prefix.isEmpty() || prefix.codePoints().anyMatch(PerlCharClasses::isSpace)) {
        throw DataException.at(origin, index + 1L,
            "one prefix, optionally followed by " + NUMERIC_ONLY_MARKER, "'" + line + "'");
      }
      if ((isNumericOnly ? plain : numericOnly).contains(prefix)) {
        throw DataException.at(origin, index + 1L, "each prefix of one kind only",
            "'" + prefix + "' listed both plain and " + NUMERIC_ONLY_MARKER);
      }
      (isNumericOnly ? numericOnly : plain).add(prefix);
    }
    return new NonbreakingPrefixes(plain, numericOnly);
  }

  /** Whether a period after this word never ends a sentence (unless the word ends the line). */
  public boolean isPlain(String word) {
    return plain.contains(word);
  }

  /** Whether a period after this word does not end a sentence when the next word starts with a digit. */
  public boolean isNumericOnly(String word) {
    return numericOnly.contains(word);
  }
}
