package io.g2lstm.report;

import io.g2lstm.common.DataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One compressed model evaluated on a test set (the paper's Tables 4 and 5). {@code method} is {@value #NONE} (the
 * uncompressed model, no parameters), {@value #ROUND} (gate weights rounded to multiples of {@code step}),
 * {@value #ROUND_CLIP} (rounded to {@code step}, then clipped to ±{@code clip}) or {@value #SVD} (gate weight
 * matrices replaced by their rank-{@code rank} approximation); a method carries exactly the parameters it uses.
 * {@code bleuChange} is {@code bleu} minus the uncompressed model's BLEU on the same test set;
 * {@code compressionRatio} is the parameter compression ratio of the input- and forget-gate blocks (their size as
 * 32-bit floats over their compressed size; 1 for the uncompressed model).
 */
public record CompressionRow(String modelRun, String model, String gateMode, String method, OptionalDouble step,
    OptionalDouble clip, OptionalInt rank, String testSet, double bleu, double bleuChange, double validPerplexity,
    double compressionRatio) {

  public static final String NONE = "none";
  public static final String ROUND = "round";
  public static final String ROUND_CLIP = "round-clip";
  public static final String SVD = "svd";

  public CompressionRow {
    Objects.requireNonNull(modelRun, "modelRun");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(testSet, "testSet");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(clip, "clip");
    Objects.requireNonNull(rank, "rank");
    String origin = "compression row of model run '" + modelRun + "', test set '" + testSet + "'";
    GateMode.of(gateMode, origin);
    if (!NONE.equals(method) && !ROUND.equals(method) && !ROUND_CLIP.equals(method) && !SVD.equals(method)) {
      throw DataException.in(origin, "method none, round, round-clip or svd", "'" + method + "'");
    }
    boolean wantsStep = ROUND.equals(method) || ROUND_CLIP.equals(method);
    boolean wantsClip = ROUND_CLIP.equals(method);
    boolean wantsRank = SVD.equals(method);
    if (wantsStep != step.isPresent() || wantsClip != clip.isPresent() || wantsRank != rank.isPresent()) {
      throw DataException.in(origin, "method " + method + " with " + parameters(wantsStep, wantsClip, wantsRank),
          parameters(step.isPresent(), clip.isPresent(), rank.isPresent()));
    }
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
