package io.g2lstm.results;

/**
 * One row of the {@code translations} table: a test sentence, its reference and a model's translation. The schema
 * is documented in README.md.
 *
 * @param line the 1-based line (or segment) number in the test set
 */
public record TranslationRow(String runId, String modelRun, String testSet, int beam, int line, String source,
    String reference, String hypothesis) {

  public static final ResultTable<TranslationRow> TABLE = ResultTable.byRunAndModel("translations",
      TranslationRow.class);
}
