package io.g2lstm.spark.eval;

import io.g2lstm.model.bleu.BleuScore;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the {@code bleu_scores} table: the corpus BLEU of one model on one test set in one flavour. The schema
 * is documented in README.md.
 *
 * @param flavour {@code sacrebleu} (detokenized, sacreBLEU's defaults) or {@code multi-bleu} (tokenized,
 *     multi-bleu.perl)
 * @param precisions n-gram precisions in percent, n = 1..4
 * @param signature sacreBLEU's signature, or how the tokenized score was computed
 */
public record BleuScoreRow(String runId, EvaluatedModel model, String testSet, long sentences, int beam,
    String flavour, double score, List<Double> precisions, double brevityPenalty, long hypothesisLength,
    long referenceLength, String signature) {

  public static final String TABLE = "bleu_scores";
  public static final String SACREBLEU = "sacrebleu";
  public static final String MULTI_BLEU = "multi-bleu";

  public static final StructType SCHEMA = EvaluatedModel.columns()
      .add("checkpoint", DataTypes.StringType, false)
      .add("test_set", DataTypes.StringType, false)
      .add("sentences", DataTypes.LongType, false)
      .add("beam", DataTypes.IntegerType, false)
      .add("flavour", DataTypes.StringType, false)
      .add("score", DataTypes.DoubleType, false)
      .add("precisions", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("brevity_penalty", DataTypes.DoubleType, false)
      .add("hyp_length", DataTypes.LongType, false)
      .add("ref_length", DataTypes.LongType, false)
      .add("signature", DataTypes.StringType, false);

  public BleuScoreRow {
    precisions = List.copyOf(precisions);
  }

  /** A row for a score. */
  public static BleuScoreRow of(String runId, EvaluatedModel model, String testSet, long sentences, int beam,
      String flavour, BleuScore score, String signature) {
    return new BleuScoreRow(runId, model, testSet, sentences, beam, flavour, score.score(), score.precisions(),
        score.brevityPenalty(), score.hypothesisLength(), score.referenceLength(), signature);
  }

  public Row toRow() {
    return model.row(runId, model.checkpoint(), testSet, sentences, beam, flavour, score,
        precisions.toArray(new Double[0]), brevityPenalty, hypothesisLength, referenceLength, signature);
  }
}
