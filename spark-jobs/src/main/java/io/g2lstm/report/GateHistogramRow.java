package io.g2lstm.report;

import io.g2lstm.common.DataException;
import java.util.Objects;

/**
 * One bin of the distribution of a gate's values in one layer of a trained model (the paper's Figures 1 and 3):
 * {@code count} values fell in {@code [lower, upper)} (the last bin includes 1). The bins of one (model run, layer,
 * gate) partition [0, 1] and are numbered by {@code bin} from 0. {@code gate} is {@value #INPUT} or {@value #FORGET}.
 *
 * <p>Every bin of a (model run, layer, gate) carries the same two shares of all its values, exact rather than read
 * off the bins: {@code shareBelow01} below 0.1 and {@code shareAbove09} above 0.9, as fractions in [0, 1].
 */
public record GateHistogramRow(String modelRun, String model, String gateMode, String layer, String gate, int bin,
    double lower, double upper, long count, double shareBelow01, double shareAbove09) {

  public static final String INPUT = "input";
  public static final String FORGET = "forget";

  public GateHistogramRow {
    Objects.requireNonNull(modelRun, "modelRun");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(layer, "layer");
    String origin = "gate histogram row of model run '" + modelRun + "', layer '" + layer + "', bin " + bin;
    GateMode.of(gateMode, origin);
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
