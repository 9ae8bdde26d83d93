package io.g2lstm.spark.eval;

import io.g2lstm.model.compress.GateCompression;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the {@code compression_results} table: a model evaluated with its gate weights compressed one way (or
 * not at all: method {@code none}), on one test set. The schema is documented in README.md.
 *
 * @param variant the model as trained, or compressed by one method of the grid
 * @param bleu sacreBLEU on the test set
 * @param bleuChange {@code bleu} minus the uncompressed model's
 * @param tokenizedBleu multi-bleu.perl BLEU on tokenized text (what the paper reports)
 * @param tokenizedBleuChange {@code tokenizedBleu} minus the uncompressed model's
 * @param validPerplexity perplexity on the validation split
 * @param compressionRatio parameter compression ratio of the gate blocks (1 for the model as trained)
 */
public record CompressionResultRow(String runId, EvaluatedModel model, String grid, ModelVariant variant,
    String testSet, double bleu, double bleuChange, double tokenizedBleu, double tokenizedBleuChange,
    double validPerplexity, double compressionRatio) {

  public static final String TABLE = "compression_results";

  public static final StructType SCHEMA = EvaluatedModel.columns()
      .add("grid", DataTypes.StringType, false)
      .add("method", DataTypes.StringType, false)
      .add("step", DataTypes.DoubleType, true)
      .add("clip", DataTypes.DoubleType, true)
      .add("rank", DataTypes.IntegerType, true)
      .add("test_set", DataTypes.StringType, false)
      .add("bleu", DataTypes.DoubleType, false)
      .add("bleu_change", DataTypes.DoubleType, false)
      .add("tokenized_bleu", DataTypes.DoubleType, false)
      .add("tokenized_bleu_change", DataTypes.DoubleType, false)
      .add("valid_perplexity", DataTypes.DoubleType, false)
      .add("compression_ratio", DataTypes.DoubleType, false);

  public Row toRow() {
    Double step = null;
    Double clip = null;
    Integer rank = null;
    if (variant instanceof ModelVariant.Compressed compressed) {
      GateCompression method = compressed.compression();
      if (method instanceof GateCompression.Round round) {
        step = round.step();
      } else if (method instanceof GateCompression.RoundClip roundClip) {
        step = roundClip.step();
        clip = roundClip.clip();
      } else if (method instanceof GateCompression.LowRank lowRank) {
        rank = lowRank.rank();
      }
    }
    return model.row(runId, grid, variant.method(), step, clip, rank, testSet, bleu, bleuChange, tokenizedBleu,
        tokenizedBleuChange, validPerplexity, compressionRatio);
  }
}
