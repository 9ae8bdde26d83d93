package io.g2lstm.spark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.compress.CompressedCheckpoint;
import io.g2lstm.model.compress.GateCompression;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.ResultTable;
import io.g2lstm.results.TranslationRow;
import io.g2lstm.spark.ResultTables;
import io.g2lstm.spark.train.TrainingFixture;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluate job in local Spark on the tiny trained model: the same translations and BLEU as one process, rows
 * and files where the README says, reruns that replace, and the errors that come before any work.
 */
class EvaluateJobTest extends OnTrainedModel {

  @TempDir
  Path run;

  private SettingsReader configuration(Map<String, ?> overrides) {
    Map<String, Object> all = new HashMap<>(Map.of("evaluate.beam", 2, "evaluate.slices", 3));
    all.putAll(overrides);
    return TrainingFixture.configuration(work, run, all);
  }

  private EvaluateJob.Result evaluate(Path checkpoint, Map<String, ?> overrides, String runId) {
    return EvaluateJob.run(spark, JobSettings.read(configuration(overrides), EvaluateSettings::from),
        checkpoint.toString(), Optional.ofNullable(runId), new PrintStream(OutputStream.nullOutputStream()));
  }

  private List<Row> table(ResultTable<?> table) {
    return spark.read().parquet(run.resolve("warehouse").resolve(table.name()).toString())
        .orderBy("run_id", "model_run", "test_set", table.equals(TranslationRow.TABLE) ? "line" : "flavour")
        .collectAsList();
  }

  @Test
  void translatesAcrossTheClusterAsOneProcessDoes() throws Exception {
    EvaluateJob.Result result = evaluate(model, Map.of(), null);
    Checkpoint checkpoint = Checkpoint.open(model);
    List<String> sources = Files.readAllLines(work.resolve("corpus/test.src"));
    List<String> references = Files.readAllLines(work.resolve("corpus/test.tgt"));
    Translator.Scored alone = Translator.fromCheckpoint(checkpoint,
        EvaluateSettings.from(configuration(Map.of())).decoding().search(), 32).translateAndScore(sources, references);

    assertEquals("tiny-trained", result.runId(), "the run defaults to the checkpoint's training run");
    assertEquals("tiny-trained", result.model().modelRun());
    assertEquals(GateMode.G2, result.model().gateMode());
    assertEquals(2, result.model().epoch());
    assertEquals(2, result.scores().size());
    BleuScoreRow sacre = result.scores().get(0);
    BleuScoreRow tokenized = result.scores().get(1);
    assertEquals(BleuFlavour.SACREBLEU, sacre.flavour());
    assertEquals(alone.bleu().sacreBleu().score().score(), sacre.score(), 1e-9);
    assertEquals(alone.bleu().sacreBleu().signature(), sacre.signature());
    assertEquals(BleuFlavour.MULTI_BLEU, tokenized.flavour());
    assertEquals(alone.bleu().multiBleu().score().score(), tokenized.score(), 1e-9);
    assertTrue(tokenized.signature().startsWith("multi-bleu.perl|case:mixed|tok:moses-de"), tokenized.signature());
    assertTrue(alone.hypotheses().stream().filter(h -> !h.isBlank()).count() > TrainingFixture.HELD_OUT_PAIRS / 2,
        "the model writes translations");

    Path file = Path.of(result.translationFiles().get(0).toUri());
    assertEquals(alone.hypotheses(), Files.readAllLines(file), "translations in test-set order");
    assertEquals(Checkpoint.open(model).directory().resolve("translations"), file.getParent());

    List<Row> translations = table(TranslationRow.TABLE);
    assertEquals(TrainingFixture.HELD_OUT_PAIRS, translations.size());
    for (int i = 0; i < translations.size(); i++) {
      Row row = translations.get(i);
      assertEquals(i + 1, (int) row.getAs("line"));
      assertEquals(sources.get(i), row.getAs("source"));
      assertEquals(references.get(i), row.getAs("reference"));
      assertEquals(alone.hypotheses().get(i), row.getAs("hypothesis"));
    }
    List<Row> scores = table(BleuScoreRow.TABLE);
    assertEquals(List.of("multi-bleu", "sacrebleu"), scores.stream().map(r -> r.getAs("flavour")).toList(),
        "flavours stored in their configuration spelling");
    assertEquals("synthetic-test", scores.get(0).getAs("test_set"));
    assertEquals(2, (int) scores.get(0).getAs("beam"));
    assertEquals(4, scores.get(0).getList(scores.get(0).fieldIndex("precisions")).size());
    assertTrue(Files.isRegularFile(run.resolve("warehouse").resolve(BleuScoreRow.TABLE.name()).resolve("_provenance")
        .resolve("run_id=tiny-trained").resolve("model_run=tiny-trained.conf")));
  }

  @Test
  void rerunsReplaceTheirModelsRowsOfTheRun() {
    evaluate(model, Map.of("evaluate.slices", 1), "study");
    evaluate(model, Map.of("evaluate.slices", 2), "study");
    assertEquals(2, table(BleuScoreRow.TABLE).size(), "the same model again replaces its rows");
    assertEquals(TrainingFixture.HELD_OUT_PAIRS, table(TranslationRow.TABLE).size());
    List<BleuScoreRow> rows = ResultTables.readRun(spark, run.resolve("warehouse").toString(), BleuScoreRow.TABLE,
        "study");
    assertEquals(List.of("tiny-trained", "tiny-trained"), rows.stream().map(r -> r.model().modelRun()).toList());
  }

  @Test
  void evaluatesSeveralTestSetsInOneRunAndTellsCompressedModelsApart() throws Exception {
    Map<String, Object> twoTestSets = Map.of("evaluate.test-sets", List.of(
        Map.of("name", "first", "format", "plain", "source", work.resolve("corpus/test.src").toString(),
            "target", work.resolve("corpus/test.tgt").toString()),
        Map.of("name", "second", "format", "plain", "source", work.resolve("corpus/valid.src").toString(),
            "target", work.resolve("corpus/valid.tgt").toString())));
    EvaluateJob.Result both = evaluate(model, twoTestSets, "study");
    assertEquals(List.of("first", "first", "second", "second"),
        both.scores().stream().map(BleuScoreRow::testSet).toList());
    assertEquals(List.of(Files.readAllLines(work.resolve("corpus/valid.src")).size()),
        List.of(Files.readAllLines(Path.of(both.translationFiles().get(1).toUri())).size()));

    Path compressed = run.resolve("compressed");
    CompressedCheckpoint.write(Checkpoint.open(model), new GateCompression.Round(0.5), compressed, "output", "method");
    EvaluateJob.Result other = evaluate(compressed, twoTestSets, "study");
    assertEquals("tiny-trained+round-0.5", other.model().modelRun());
    List<BleuScoreRow> rows = ResultTables.readRun(spark, run.resolve("warehouse").toString(), BleuScoreRow.TABLE,
        "study");
    assertEquals(8, rows.size(), "the compressed model's rows sit beside its source's");
  }

  @Test
  void checksTheModelAndTheTestSetsBeforeAnyWork() throws Exception {
    Path source = Files.writeString(run.resolve("test.en"), "a\nb\nc\n");
    Path shortReference = Files.writeString(run.resolve("test.de"), "x\ny\n");
    Map<String, Object> mismatched = Map.of("evaluate.test-sets", List.of(Map.of("name", "broken", "format", "plain",
        "source", source.toString(), "target", shortReference.toString())));
    DataException lengths = assertThrows(DataException.class, () -> evaluate(model, mismatched, null));
    assertTrue(lengths.getMessage().contains(source.toString()) && lengths.getMessage().contains(
        shortReference.toString()), lengths.getMessage());

    Path empty = Files.writeString(run.resolve("empty.en"), "");
    Path emptyReference = Files.writeString(run.resolve("empty.de"), "");
    DataException none = assertThrows(DataException.class, () -> evaluate(model, Map.of("evaluate.test-sets",
        List.of(Map.of("name", "empty", "format", "plain", "source", empty.toString(), "target",
            emptyReference.toString()))), null));
    assertTrue(none.getMessage().contains("expected the sentences of test set 'empty', found none"),
        none.getMessage());

    DataException missing = assertThrows(DataException.class, () -> evaluate(run.resolve("nowhere"), Map.of(),
        null));
    assertTrue(missing.getMessage().contains("expected a checkpoint directory"), missing.getMessage());

    Path otherVocabulary = copyOf(Checkpoint.open(model).directory(), run.resolve("other-vocabulary"));
    Files.writeString(otherVocabulary.resolve("vocab.tgt"), "extra\t1\n", StandardOpenOption.APPEND);
    DataException vocabulary = assertThrows(DataException.class, () -> evaluate(otherVocabulary, Map.of(), null));
    assertTrue(vocabulary.getMessage().contains("expected a model for its vocabularies"), vocabulary.getMessage());

    ConfigurationException name = assertThrows(ConfigurationException.class, () -> evaluate(model,
        Map.of("evaluate.test-sets", List.of(Map.of("name", "../x", "format", "plain", "source", source.toString(),
            "target", source.toString()))), null));
    assertTrue(name.getMessage().contains("evaluate.test-sets"), name.getMessage());
    assertFalse(Files.exists(run.resolve("warehouse").resolve(BleuScoreRow.TABLE.name())), "nothing was written");
  }

  @Test
  void anUnwritableDestinationFailsBeforeAnyTableIsWritten() throws Exception {
    Path checkpoint = copyOf(Checkpoint.open(model).directory(), run.resolve("read-only"));
    // a file where translations/ must go: unwritable whoever runs the test (permissions do not stop root)
    Files.writeString(checkpoint.resolve(EvaluateJob.TRANSLATIONS), "in the way");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> evaluate(checkpoint, Map.of(),
        null));
    assertTrue(e.getMessage().startsWith("the checkpoint's translations directory "), e.getMessage());
    assertFalse(Files.exists(run.resolve("warehouse").resolve(BleuScoreRow.TABLE.name())), "no table was written");
    assertFalse(Files.exists(run.resolve("warehouse").resolve(TranslationRow.TABLE.name())));

    Path warehouseInTheWay = Files.writeString(run.resolve("not-a-warehouse"), "a file");
    e = assertThrows(ConfigurationException.class, () -> evaluate(model, Map.of("results.warehouse",
        warehouseInTheWay.resolve("warehouse").toString()), null));
    assertTrue(e.getMessage().startsWith("results.warehouse "), e.getMessage());
    assertFalse(Files.exists(Checkpoint.open(model).directory().resolve(EvaluateJob.TRANSLATIONS)
        .resolve("test.beam2.txt")), "no translation was written");
  }

  @Test
  void errorsNameTheUsersCheckpointNotItsCopy() throws Exception {
    Path damaged = copyOf(Checkpoint.open(model).directory(), run.resolve("damaged"));
    Files.write(damaged.resolve(Checkpoint.MODEL), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
    DataException e = assertThrows(DataException.class, () -> evaluate(damaged, Map.of(), null));
    assertTrue(e.getMessage().startsWith("file:" + damaged + "/" + Checkpoint.MODEL + ": expected the model file "
        + "recorded in state.json"), e.getMessage());
    assertFalse(e.getMessage().contains("process-"), "the scratch copy is not named: " + e.getMessage());

  }

  private static Path copyOf(Path directory, Path target) throws Exception {
    Files.createDirectories(target);
    try (var files = Files.list(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
    return target;
  }
}
