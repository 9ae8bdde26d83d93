package io.g2lstm.report;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.CompressionResultRow;
import io.g2lstm.results.EvaluatedModel;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.GateTokenMeanRow;
import io.g2lstm.results.TrainingMetrics;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Result rows for the report tests, given only what the report shows; the columns it does not read get fixed
 * values (study run {@value #STUDY}, 100 sentences, tokenized BLEU equal to sacreBLEU, one worker).
 */
final class Rows {

  static final String STUDY = "study";

  private Rows() {}

  /** The gate mode spelt as in the tables ({@code baseline}, {@code sharpened}, {@code g2}). */
  static GateMode mode(String name) {
    return Arrays.stream(GateMode.values()).filter(m -> SettingsReader.settingName(m).equals(name)).findFirst()
        .orElseThrow();
  }

  static EvaluatedModel model(String run, String name, String mode, int epoch) {
    return new EvaluatedModel(run, name, mode(mode), epoch);
  }

  static BleuScoreRow bleu(String run, String name, String mode, int epoch, String testSet, int beam,
      BleuFlavour flavour, double score, List<Double> precisions, double brevityPenalty, long hypothesisLength,
      long referenceLength, String signature) {
    return new BleuScoreRow(STUDY, model(run, name, mode, epoch), "train/checkpoints/epoch-" + epoch, testSet, 100,
        beam, flavour, score, precisions, brevityPenalty, hypothesisLength, referenceLength, signature);
  }

  static CompressionResultRow compression(String run, String name, String mode, String method,
      Optional<Double> step, Optional<Double> clip, Optional<Integer> rank, String testSet, double bleu,
      double bleuChange, double validPerplexity, double compressionRatio) {
    return new CompressionResultRow(STUDY, model(run, name, mode, 10), "paper", method, step, clip, rank, testSet,
        bleu, bleuChange, bleu, bleuChange, validPerplexity, compressionRatio);
  }

  static GateHistogramRow histogram(String run, String name, String mode, String layer, String gate, int bin,
      double lower, double upper, long count, double shareBelow01, double shareAbove09) {
    return new GateHistogramRow(STUDY, model(run, name, mode, 10), layer, gate, bin, lower, upper, count, 0,
        shareBelow01, shareAbove09, 0.5, 100, 2_000);
  }

  static GateTokenMeanRow token(String run, String name, String mode, String layer, int sentence, int position,
      String token, double inputMean, double forgetMean) {
    return new GateTokenMeanRow(STUDY, model(run, name, mode, 10), layer, sentence, 1000 + sentence, position,
        token, inputMean, forgetMean);
  }

  static TrainingMetrics training(String run, String name, String mode, int epoch, double trainLoss,
      double validPerplexity) {
    return new TrainingMetrics(run, name, mode(mode), epoch, 100L * epoch, trainLoss, validPerplexity, 1000, 60, 1);
  }
}
