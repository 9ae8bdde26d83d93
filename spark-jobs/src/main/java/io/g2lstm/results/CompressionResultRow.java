package io.g2lstm.results;

import io.g2lstm.common.DataException;
import io.g2lstm.model.compress.GateCompression;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the {@code compression_results} table: a model evaluated with its gate weights compressed one way (or
 * not at all: method {@value #NONE}), on one test set (the paper's Tables 4 and 5). The schema is documented in
 * README.md.
 *
 * @param method {@value #NONE}, or the compression method: {@code round} (gate weights rounded to multiples of
 *     {@code step}), {@code round-clip} (rounded to {@code step}, then clipped to ±{@code clip}) or {@code svd}
 *     (gate weight matrices replaced by their rank-{@code rank} approximation); a method carries exactly the
 *     parameters it uses
 * @param bleu sacreBLEU on the test set
 * @param bleuChange {@code bleu} minus the uncompressed model's
 * @param tokenizedBleu multi-bleu.perl BLEU on tokenized text (what the paper reports)
 * @param tokenizedBleuChange {@code tokenizedBleu} minus the uncompressed model's
 * @param validPerplexity perplexity on the validation split
 * @param compressionRatio parameter compression ratio of the input- and forget-gate blocks (their size as 32-bit
 *     floats over their compressed size; 1 for the model as trained)
 */
public record CompressionResultRow(String runId, EvaluatedModel model, String grid, String method,
    Optional<Double> step, Optional<Double> clip, Optional<Integer> rank, String testSet, double bleu,
    double bleuChange, double tokenizedBleu, double tokenizedBleuChange, double validPerplexity,
    double compressionRatio) {

  public static final ResultTable<CompressionResultRow> TABLE = ResultTable.byRunAndModel("compression_results",
      CompressionResultRow.class);
  /** The method of the model as trained. */
  public static final String NONE = "none";

  public CompressionResultRow {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(testSet, "testSet");
    String origin = "compression row of model run '" + model.modelRun() + "', test set '" + testSet + "'";
    boolean wantsStep = GateCompression.Round.NAME.equals(method) || GateCompression.RoundClip.NAME.equals(method);
    boolean wantsClip = GateCompression.RoundClip.NAME.equals(method);
    boolean wantsRank = GateCompression.LowRank.NAME.equals(method);
    if (!wantsStep && !wantsRank && !NONE.equals(method)) {
      throw DataException.in(origin, "method none, round, round-clip or svd", "'" + method + "'");
    }
    if (wantsStep != step.isPresent() || wantsClip != clip.isPresent() || wantsRank != rank.isPresent()) {
      throw DataException.in(origin, "method " + method + " with " + parameters(wantsStep, wantsClip, wantsRank),
          parameters(step.isPresent(), clip.isPresent(), rank.isPresent()));
    }
  }

  /** A row of a model as trained ({@code compression} empty) or compressed. */
  public static CompressionResultRow of(String runId, EvaluatedModel model, String grid,
      Optional<GateCompression> compression, String testSet, double bleu, double bleuChange, double tokenizedBleu,
      double tokenizedBleuChange, double validPerplexity, double compressionRatio) {
    Optional<Double> step = Optional.empty();
    Optional<Double> clip = Optional.empty();
    Optional<Integer> rank = Optional.empty();
    if (compression.orElse(null) instanceof GateCompression.Round round) {
      step = Optional.of(round.step());
    } else if (compression.orElse(null) instanceof GateCompression.RoundClip roundClip) {
      step = Optional.of(roundClip.step());
      clip = Optional.of(roundClip.clip());
    } else if (compression.orElse(null) instanceof GateCompression.LowRank lowRank) {
      rank = Optional.of(lowRank.rank());
    }
    return new CompressionResultRow(runId, model, grid, compression.map(GateCompression::name).orElse(NONE), step,
        clip, rank, testSet, bleu, bleuChange, tokenizedBleu, tokenizedBleuChange, validPerplexity,
        compressionRatio);
  }

  /** The compression this row's model was evaluated with; empty for the model as trained. */
  public Optional<GateCompression> compression() {
    if (GateCompression.Round.NAME.equals(method)) {
      return Optional.of(new GateCompression.Round(step.orElseThrow()));
    }
    if (GateCompression.RoundClip.NAME.equals(method)) {
      return Optional.of(new GateCompression.RoundClip(step.orElseThrow(), clip.orElseThrow()));
    }
    if (GateCompression.LowRank.NAME.equals(method)) {
      return Optional.of(new GateCompression.LowRank(rank.orElseThrow()));
    }
    return Optional.empty();
  }

  private static String parameters(boolean step, boolean clip, boolean rank) {
    List<String> names = new ArrayList<>();
    if (step) {
      names.add("step");
    }
    if (clip) {
      names.add("clip");
    }
    if (rank) {
      names.add("rank");
    }
    return names.isEmpty() ? "no parameters" : String.join(" and ", names);
  }
}
