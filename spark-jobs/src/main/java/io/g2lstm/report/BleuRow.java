package io.g2lstm.report;

import io.g2lstm.common.DataException;
import java.util.List;
import java.util.Objects;

/**
 * One BLEU score: a trained model ({@code modelRun}, its training run id) translating {@code testSet} with beam size
 * {@code beam} from its checkpoint of {@code epoch}. {@code flavour} is {@value #SACREBLEU} (detokenized output, with
 * sacreBLEU's {@code signature}) or {@value #MULTI_BLEU} (tokenized output, as the paper; its signature may be
 * empty). {@code score} and {@code precisions} (1- to 4-gram) are percentages; the lengths count tokens of the whole
 * test set.
 */
public record BleuRow(String modelRun, String model, String gateMode, int epoch, String testSet, int beam,
    String flavour, double score, List<Double> precisions, double brevityPenalty, long hypothesisLength,
    long referenceLength, String signature) {

  public static final String SACREBLEU = "sacrebleu";
  public static final String MULTI_BLEU = "multi-bleu";

  public BleuRow {
    Objects.requireNonNull(modelRun, "modelRun");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(testSet, "testSet");
    Objects.requireNonNull(signature, "signature");
    precisions = List.copyOf(precisions);
    String origin = "BLEU row of model run '" + modelRun + "', test set '" + testSet + "'";
    GateMode.of(gateMode, origin);
    if (!SACREBLEU.equals(flavour) && !MULTI_BLEU.equals(flavour)) {
      throw DataException.in(origin, "flavour sacrebleu or multi-bleu", "'" + flavour + "'");
    }
  }
}
