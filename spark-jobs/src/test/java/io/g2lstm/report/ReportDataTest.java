package io.g2lstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.CompressionResultRow;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.TrainingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The input records reject what the report could not show truthfully, with expected-versus-found messages. */
class ReportDataTest {

  private static final Optional<Double> NO = Optional.empty();
  private static final Optional<Integer> NO_RANK = Optional.empty();

  @Test
  void rowsNameTheirMethodAndGate() {
    // A gate mode or BLEU flavour the tables do not know is rejected where rows are read (RowCodecTest).
    assertEquals("compression row of model run 'r', test set 't': expected method none, round, round-clip or svd, "
        + "found 'prune'", assertThrows(DataException.class, () -> Rows.compression("r", "m", "g2", "prune", NO,
            NO, NO_RANK, "t", 1, 0, 1, 1)).getMessage());
    assertEquals("gate histogram row of model run 'r', layer 'l', bin 0: expected gate input or forget, found "
        + "'output'", assertThrows(DataException.class, () -> Rows.histogram("r", "m", "g2", "l", "output", 0,
            0, 0.1, 1, 0, 0)).getMessage());
  }

  @Test
  void compressionMethodsCarryExactlyTheirParameters() {
    Rows.compression("r", "m", "g2", "round-clip", Optional.of(0.5), Optional.of(1.0), NO_RANK,
        "t", 1, 0, 1, 1);
    assertEquals("compression row of model run 'r', test set 't': expected method round-clip with step and clip, "
        + "found step", assertThrows(DataException.class, () -> Rows.compression("r", "m", "g2",
            "round-clip", Optional.of(0.5), NO, NO_RANK, "t", 1, 0, 1, 1)).getMessage());
    assertEquals("compression row of model run 'r', test set 't': expected method none with no parameters, found "
        + "rank", assertThrows(DataException.class, () -> Rows.compression("r", "m", "g2", CompressionResultRow.NONE,
            NO, NO, Optional.of(4), "t", 1, 0, 1, 1)).getMessage());
  }

  @Test
  void gateValuesAndSharesLieInTheUnitInterval() {
    assertEquals("gate histogram row of model run 'r', layer 'l', bin 3: expected 0 <= lower < upper <= 1, found "
        + "[0.5, 0.4)", assertThrows(DataException.class, () -> Rows.histogram("r", "m", "g2", "l", "input", 3,
            0.5, 0.4, 1, 0, 0)).getMessage());
    assertThrows(DataException.class, () -> Rows.histogram("r", "m", "g2", "l", "input", 0, 0, 0.1, -1, 0, 0));
    assertThrows(DataException.class, () -> Rows.histogram("r", "m", "g2", "l", "input", 0, 0, 0.1, 1, 1.5, 0));
    assertEquals("token gate row of model run 'r', layer 'l', sentence 2, position 7: expected gate means in [0, 1], "
        + "found input NaN, forget 0.5", assertThrows(DataException.class, () -> Rows.token("r", "m", "g2", "l",
            2, 7, "x", Double.NaN, 0.5)).getMessage());
  }

  @Test
  void aReportNeedsARunId() {
    assertEquals("report: expected a run id, found ' '", assertThrows(ConfigurationException.class,
        () -> new ReportData(" ", "", List.of(), List.of(), List.of(), List.of(), List.of())).getMessage());
  }

  @Test
  void listsAreCopied() {
    List<TrainingMetrics> training = new ArrayList<>();
    ReportData data = new ReportData("r", "", List.of(), List.of(), List.of(), List.of(), training);
    training.add(Rows.training("a", "m", "g2", 1, 1, 1));
    assertEquals(List.of(), data.training());
  }

  @Test
  void oneModelRunHasOneNameAndGateModeInAllTables() {
    ReportData data = new ReportData("r", "", List.of(Rows.bleu("run-1", "m", "g2", 1, "t", 5, BleuFlavour.SACREBLEU,
        1, List.of(), 1, 1, 1, "")), List.of(), List.of(), List.of(),
        List.of(Rows.training("run-1", "m", "baseline", 1, 1, 1)));
    assertEquals("training row of model run 'run-1': expected model 'm' with gate mode g2 as in the other rows, "
        + "found model 'm' with gate mode baseline", assertThrows(DataException.class, () -> StudyReport.of(data))
        .getMessage());
  }

  @Test
  void duplicatesAreRejectedNotHidden() {
    BleuScoreRow bleu = Rows.bleu("run-1", "m", "g2", 1, "t", 5, BleuFlavour.SACREBLEU, 1, List.of(), 1, 1, 1, "");
    assertEquals("BLEU rows of model run 'run-1': expected one score per epoch, beam, test set and flavour, found "
        + "two for epoch 1, beam 5, test set 't', flavour sacrebleu", assertThrows(DataException.class,
            () -> StudyReport.of(new ReportData("r", "", List.of(bleu, bleu), List.of(), List.of(), List.of(),
                List.of()))).getMessage());
    CompressionResultRow a = Rows.compression("run-1", "m", "g2", "svd", NO, NO, Optional.of(8), "t1",
        1, 0, 5.0, 4);
    CompressionResultRow b = Rows.compression("run-1", "m", "g2", "svd", NO, NO, Optional.of(8), "t2",
        1, 0, 5.5, 4);
    assertEquals("compression rows of model run 'run-1': expected one validation perplexity and compression ratio "
        + "for SVD rank 8 (5.0, 4.0 on 't1'), found 5.5, 4.0 on 't2'", assertThrows(DataException.class,
            () -> StudyReport.of(new ReportData("r", "", List.of(), List.of(a, b), List.of(), List.of(), List.of())))
            .getMessage());
    GateHistogramRow bin0 = Rows.histogram("run-1", "m", "g2", "l", "input", 0, 0, 0.5, 3, 0.2, 0.3);
    GateHistogramRow bin1 = Rows.histogram("run-1", "m", "g2", "l", "input", 1, 0.5, 1, 3, 0.2, 0.35);
    assertEquals("gate histogram rows of model run 'run-1', layer 'l', input gate: expected the same shares below "
        + "0.1 and above 0.9 on every bin (0.2, 0.3 on bin 0), found 0.2, 0.35 on bin 1",
        assertThrows(DataException.class, () -> StudyReport.of(new ReportData("r", "", List.of(), List.of(),
            List.of(bin0, bin1), List.of(), List.of()))).getMessage());
  }
}
