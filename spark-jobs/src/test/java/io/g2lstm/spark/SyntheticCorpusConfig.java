package io.g2lstm.spark;

import java.util.List;

/** Test configurations over the splits that {@code SyntheticCorpus.writeSplits} wrote. */
public final class SyntheticCorpusConfig {

  private SyntheticCorpusConfig() {}

  /**
   * {@code paths.corpus} and a {@code prepare} block reading its train, valid and test splits into {@code output},
   * with {@code settings} (one per line) added to the block.
   *
   * @param corpus the corpus directory: a local path or a Hadoop URI
   */
  public static String prepareBlock(Object corpus, Object output, String... settings) {
    StringBuilder text = new StringBuilder("paths.corpus = \"" + corpus + "\"\nprepare {\n  output = \"" + output
        + "\"\n");
    for (String split : List.of("train", "valid", "test")) {
      text.append("  corpora.").append(split).append(" = [{ format = plain, source = ${paths.corpus}\"/")
          .append(split).append(".src\", target = ${paths.corpus}\"/").append(split).append(".tgt\" }]\n");
    }
    for (String setting : settings) {
      text.append("  ").append(setting).append('\n');
    }
    return text.append("}\n").toString();
  }
}
