package io.g2lstm.prep.corpus;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.SettingsReader;
import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * One parallel corpus named in the configuration.
 *
 * @param name a short name for reports (e.g. {@code europarl-v7})
 * @param split the split its pairs belong to
 * @param format how it is stored
 * @param source the source-language file (for {@link CorpusFormat#TSV}: the one file)
 * @param target the target-language file (for {@link CorpusFormat#TSV}: the same file as {@code source})
 * @param sourceColumn for TSV, the 0-based column of the source sentence
 * @param targetColumn for TSV, the 0-based column of the target sentence
 */
public record CorpusSpec(String name, Split split, CorpusFormat format, String source, String target,
    int sourceColumn, int targetColumn) implements Serializable {

  public CorpusSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    if (format == CorpusFormat.TSV && sourceColumn == targetColumn) {
      throw new ConfigurationException("corpus '" + name + "': expected different source and target columns, found "
          + "both " + sourceColumn);
    }
  }

  /** The keys of a corpus entry in a configuration. */
  public static final Set<String> KEYS =
      Set.of("name", "format", "source", "target", "source-column", "target-column");

  /**
   * Reads one corpus entry ({@code { name, format, source, target, source-column, target-column }}; TSV takes one
   * file, so its target defaults to the source; the name defaults to the source file's name).
   */
  public static CorpusSpec from(SettingsReader c, Split split) {
    CorpusFormat format = c.choice("format", CorpusFormat.class);
    String source = c.nonBlankString("source");
    String target = format == CorpusFormat.TSV ? c.optionalString("target").orElse(source) : c.nonBlankString("target");
    String name = c.optionalString("name").orElse(source.substring(source.lastIndexOf('/') + 1));
    int sourceColumn = c.intIn("source-column", 0, 1000, 0);
    int targetColumn = c.intIn("target-column", 0, 1000, 1);
    if (format == CorpusFormat.TSV && sourceColumn == targetColumn) {
      throw c.invalid("target-column", "a column other than source-column " + sourceColumn, "" + targetColumn);
    }
    return new CorpusSpec(name, split, format, source, target, sourceColumn, targetColumn);
  }

  /** A corpus of two line-aligned files. */
  public static CorpusSpec plain(String name, Split split, String source, String target) {
    return new CorpusSpec(name, split, CorpusFormat.PLAIN, source, target, 0, 1);
  }
}
