package io.g2lstm.prep.corpus;

/** How a parallel corpus is stored. */
public enum CorpusFormat {
  /** Two line-aligned plain-text files, one sentence per line; {@code .gz} files are decompressed. */
  PLAIN,
  /** Two WMT SGML files ({@code <srcset>}/{@code <refset>}, {@code <doc>}, {@code <seg id>}), aligned by segment. */
  SGM,
  /** One file of tab-separated columns; the source and target columns are configured. */
  TSV
}
