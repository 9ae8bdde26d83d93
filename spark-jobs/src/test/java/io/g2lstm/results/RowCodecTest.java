package io.g2lstm.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.DataException;
import io.g2lstm.model.layer.GateMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every table's columns, and its rows to values and back by column name, without Spark. */
class RowCodecTest {

  private static final EvaluatedModel MODEL = new EvaluatedModel("run-1", "tiny", GateMode.SHARPENED, 3);
  private static final BleuScoreRow BLEU = new BleuScoreRow("study", MODEL, "train/checkpoints/epoch-003", "t", 64,
      5, BleuFlavour.MULTI_BLEU, 27.5, List.of(60.0, 35.0, 21.0, 13.0), 0.98, 1000, 1020, "multi-bleu.perl");

  /** One row of each table, every optional column present in one row and absent in another. */
  static Stream<Record> rows() {
    return Stream.of(BLEU,
        new CompressionResultRow("study", MODEL, "paper", "round-clip", Optional.of(0.5), Optional.of(1.0),
            Optional.empty(), "t", 20.0, -7.5, 20.5, -7.0, 9.5, 5.3),
        CompressionResultRow.of("study", MODEL, "paper", Optional.empty(), "t", 27.5, 0, 28.0, 0, 8.2, 1),
        new GateHistogramRow("study", MODEL, "decoder-0", GateHistogramRow.FORGET, 19, 0.95, 1.0, 42, 0.01, 0.2,
            0.4, 0.6, 2000, 30_000),
        new GateTokenMeanRow("study", MODEL, "decoder-0", 2, 1234L, 5, "Bäume", 0.9, 0.1),
        new TranslationRow("study", "run-1", "t", 5, 7, "a b", "c d", "c e"),
        new TrainingMetrics("run-1", "tiny", GateMode.G2, 4, 1816, 2.1, 8.5, 950.5, 480.0, 2));
  }

  @ParameterizedTest
  @MethodSource("rows")
  <R extends Record> void aRowReadBackFromItsValuesIsTheSameRow(R row) {
    @SuppressWarnings("unchecked")
    RowCodec<R> codec = RowCodec.of((Class<R>) row.getClass());
    List<Object> values = codec.values(row);
    Map<String, Object> byName = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      byName.put(codec.columns().get(i).name(), values.get(i));
    }
    assertEquals(codec.columns().size(), byName.size(), "column names are distinct");
    assertEquals(row, codec.read(byName::get, "test"));
  }

  @Test
  void columnsAreTheComponentsInSnakeCaseWithTheEvaluatedModelInPlace() {
    assertEquals(List.of("run_id", "model_run", "model", "gate_mode", "epoch", "checkpoint", "test_set", "sentences",
        "beam", "flavour", "score", "precisions", "brevity_penalty", "hyp_length", "ref_length", "signature"),
        BleuScoreRow.TABLE.codec().columns().stream().map(RowCodec.ColumnSpec::name).toList());
    assertEquals(List.of(ResultTable.RUN_ID, ResultTable.MODEL_RUN), BleuScoreRow.TABLE.partitions());
    assertEquals(List.of(ResultTable.RUN_ID), TrainingMetrics.TABLE.partitions());
    assertEquals(new RowCodec.ColumnSpec("rank", ColumnType.INT, true), CompressionResultRow.TABLE.codec().columns()
        .stream().filter(c -> c.name().equals("rank")).findFirst().orElseThrow());
    assertEquals(new RowCodec.ColumnSpec("precisions", ColumnType.DOUBLES, false), BleuScoreRow.TABLE.codec()
        .columns().get(11));
    assertTrue(GateHistogramRow.TABLE.codec().columns().stream().anyMatch(c -> c.name().equals("share_below_0_1")));
    assertEquals(List.of("study", "run-1", "tiny", "sharpened", 3), BleuScoreRow.TABLE.codec().values(BLEU)
        .subList(0, 5), "enums stored in their configuration spelling");
    assertEquals("multi-bleu", BleuScoreRow.TABLE.codec().values(BLEU).get(BleuScoreRow.TABLE.codec()
        .index("flavour")));
  }

  @Test
  void storedValuesTheRecordsCannotHoldAreDataErrorsNamingTheColumn() {
    Map<String, Object> stored = stored(BLEU);
    stored.put("gate_mode", "G2");
    assertEquals("table bleu_scores in w, column 'gate_mode': expected one of baseline, sharpened, g2, found 'G2'",
        assertThrows(DataException.class, () -> read(stored)).getMessage());
    stored.put("gate_mode", "g2");
    stored.put("flavour", "bleu");
    assertEquals("table bleu_scores in w, column 'flavour': expected one of sacrebleu, multi-bleu, found 'bleu'",
        assertThrows(DataException.class, () -> read(stored)).getMessage());
    stored.put("flavour", "sacrebleu");
    stored.put("beam", null);
    assertEquals("table bleu_scores in w, column 'beam': expected a value, found null",
        assertThrows(DataException.class, () -> read(stored)).getMessage());
    stored.put("beam", "five");
    assertEquals("table bleu_scores in w, column 'beam': expected an integer, found five (String)",
        assertThrows(DataException.class, () -> read(stored)).getMessage());
  }

  @Test
  void aRowItsRecordRejectsIsADataErrorNamingTheTable() {
    Map<String, Object> stored = stored(CompressionResultRow.of("study", MODEL, "paper", Optional.empty(), "t", 1,
        0, 1, 0, 1, 1));
    stored.put("rank", 8);
    DataException e = assertThrows(DataException.class, () -> CompressionResultRow.TABLE.codec().read(stored::get,
        "table compression_results in w"));
    assertEquals("table compression_results in w: compression row of model run 'run-1', test set 't': expected "
        + "method none with no parameters, found rank", e.getMessage());
  }

  /** A record that cannot be a table row. */
  private record Unsupported(String name, Map<String, Integer> counts) {}

  @Test
  void aComponentOfAnUnsupportedTypeIsRejectedWhenTheCodecIsMade() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RowCodec.of(Unsupported.class));
    assertTrue(e.getMessage().startsWith("Unsupported.counts: expected String, int, long, double, List<Double>"),
        e.getMessage());
  }

  private static Map<String, Object> stored(Record row) {
    @SuppressWarnings("unchecked")
    RowCodec<Record> codec = (RowCodec<Record>) RowCodec.of(row.getClass());
    Map<String, Object> byName = new HashMap<>();
    List<Object> values = codec.values(row);
    for (int i = 0; i < values.size(); i++) {
      byName.put(codec.columns().get(i).name(), values.get(i));
    }
    return byName;
  }

  private static BleuScoreRow read(Map<String, Object> stored) {
    return BleuScoreRow.TABLE.codec().read(stored::get, "table bleu_scores in w");
  }
}
