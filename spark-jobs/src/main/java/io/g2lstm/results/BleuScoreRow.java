package io.g2lstm.results;

import io.g2lstm.model.bleu.BleuScore;
import java.util.List;
import java.util.Objects;

/**
 * One row of the {@code bleu_scores} table: the corpus BLEU of one model on one test set in one flavour. The schema
 * is documented in README.md.
 *
 * @param checkpoint where the checkpoint was read from
 * @param score BLEU in percent
 * @param precisions n-gram precisions in percent, n = 1..4
 * @param signature sacreBLEU's signature, or how the tokenized score was computed (may be empty)
 */
public record BleuScoreRow(String runId, EvaluatedModel model, String checkpoint, String testSet, long sentences,
    int beam, BleuFlavour flavour, double score, List<Double> precisions, double brevityPenalty,
    @Column("hyp_length") long hypothesisLength, @Column("ref_length") long referenceLength, String signature) {

  public static final ResultTable<BleuScoreRow> TABLE = ResultTable.byRunAndModel("bleu_scores",
      BleuScoreRow.class);

  public BleuScoreRow {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(testSet, "testSet");
    Objects.requireNonNull(flavour, "flavour");
    Objects.requireNonNull(signature, "signature");
    precisions = List.copyOf(precisions);
  }

  /** A row for a score. */
  public static BleuScoreRow of(String runId, EvaluatedModel model, String checkpoint, String testSet,
      long sentences, int beam, BleuFlavour flavour, BleuScore score, String signature) {
    return new BleuScoreRow(runId, model, checkpoint, testSet, sentences, beam, flavour, score.score(),
        score.precisions(), score.brevityPenalty(), score.hypothesisLength(), score.referenceLength(), signature);
  }
}
