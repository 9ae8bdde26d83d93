package io.g2lstm.prep.corpus;

import io.g2lstm.common.ConfigurationException;
import java.io.Serializable;
import java.util.Objects;

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

  /** A corpus of two line-aligned files. */
  public static CorpusSpec plain(String name, Split split, String source, String target) {
    return new CorpusSpec(name, split, CorpusFormat.PLAIN, source, target, 0, 1);
  }
}
