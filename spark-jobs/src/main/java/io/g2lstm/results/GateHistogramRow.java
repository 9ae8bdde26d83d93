package io.g2lstm.results;

import io.g2lstm.common.DataException;
import java.util.Objects;

/**
 * One row of the {@code gate_histograms} table: one bin of the histogram of one gate's values in one layer of a
 * model (the paper's Figures 1 and 3): {@code count} values fell in {@code [lower, upper)} (the last bin includes
 * 1). The bins of one (model run, layer, gate) partition [0, 1] and are numbered by {@code bin} from 0. The schema is
 * documented in README.md.
 *
 * <p>Every bin of a (model run, layer, gate) carries the same two shares of all its values, exact rather than read
 * off the bins: {@code shareBelow01} below 0.1 and {@code shareAbove09} above 0.9, as fractions in [0, 1].
 *
 * @param gate {@value #INPUT} or {@value #FORGET}
 * @param fraction {@code count} over the gate's values in all bins
 * @param positions the sentence positions recorded (each gives one value per hidden unit)
 */
public record GateHistogramRow(String runId, EvaluatedModel model, String layer, String gate, int bin,
    double lower, double upper, long count, double fraction, @Column("share_below_0_1") double shareBelow01,
    @Column("share_above_0_9") double shareAbove09, double mean, long sentences, long positions) {

  public static final ResultTable<GateHistogramRow> TABLE = ResultTable.byRunAndModel("gate_histograms",
      GateHistogramRow.class);
  public static final String INPUT = "input";
  public static final String FORGET = "forget";

  public GateHistogramRow {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(layer, "layer");
    String origin = "gate histogram row of model run '" + model.modelRun() + "', layer '" + layer + "', bin " + bin;
    if (!INPUT.equals(gate) && !FORGET.equals(gate)) {
      throw DataException.in(origin, "gate input or forget", "'" + gate + "'");
    }
    if (!(0 <= lower && lower < upper && upper <= 1)) {
      throw DataException.in(origin, "0 <= lower < upper <= 1", "[" + lower + ", " + upper + ")");
    }
    if (count < 0) {
      throw DataException.in(origin, "a count of at least 0", count);
    }
    if (!(0 <= shareBelow01 && shareBelow01 <= 1 && 0 <= shareAbove09 && shareAbove09 <= 1)) {
      throw DataException.in(origin, "shares in [0, 1]", shareBelow01 + " below 0.1 and " + shareAbove09
          + " above 0.9");
    }
  }
}
