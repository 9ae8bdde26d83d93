package io.g2lstm.spark.eval;

import io.g2lstm.common.DataException;
import io.g2lstm.prep.corpus.CorpusSpec;
import io.g2lstm.prep.corpus.InvalidUtf8Policy;
import io.g2lstm.prep.corpus.ParallelCorpusReader;
import io.g2lstm.prep.corpus.SourcedPair;
import io.g2lstm.prep.corpus.StreamOpener;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A test set held in memory: raw source sentences and their references, line by line (blank lines included: their
 * translation is blank and BLEU counts the reference).
 *
 * @param name the name results are reported under
 * @param sources raw source sentences
 * @param references one raw reference per source
 */
public record TestSet(String name, List<String> sources, List<String> references) implements Serializable {

  // Test sentences are never dropped for their length.
  private static final int NO_LINE_LIMIT = Integer.MAX_VALUE;

  public TestSet {
    sources = List.copyOf(sources);
    references = List.copyOf(references);
    if (sources.size() != references.size()) {
      throw new IllegalArgumentException("expected as many references as sources, found " + sources.size()
          + " sources and " + references.size() + " references");
    }
  }

  /**
   * Reads a test corpus (plain, SGML or TSV), checking that its sides align (the reader names both files and both
   * counts when they do not) and that it is not empty.
   */
  public static TestSet read(CorpusSpec spec, StreamOpener opener) {
    List<String> sources = new ArrayList<>();
    List<String> references = new ArrayList<>();
    try (ParallelCorpusReader reader = new ParallelCorpusReader(spec, 0, opener, InvalidUtf8Policy.REPLACE,
        NO_LINE_LIMIT)) {
      reader.forEachRemaining((SourcedPair pair) -> {
        sources.add(pair.pair().source());
        references.add(pair.pair().target());
      });
    }
    if (sources.isEmpty()) {
      throw new DataException(spec.source() + ": expected the sentences of test set '" + spec.name()
          + "', found none");
    }
    return new TestSet(spec.name(), sources, references);
  }

  public int size() {
    return sources.size();
  }

  @Override
  public String toString() {
    return "test set '" + name + "' (" + sources.size() + " sentences)";
  }
}
