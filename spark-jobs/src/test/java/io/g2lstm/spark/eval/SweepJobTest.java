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
import io.g2lstm.model.compress.GateCompression;
import io.g2lstm.model.compress.GateCompressor;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.model.train.Evaluation;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.results.CompressionResultRow;
import io.g2lstm.spark.ShardReader;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep job in local Spark on the tiny trained model (hidden size 32, so gate blocks of 16 to 32 a side). */
class SweepJobTest extends OnTrainedModel {

  private static final Map<String, Object> TINY_GRID = Map.of("sweep.grid", "tiny",
      "sweep.grids.tiny.round", List.of(0.5), "sweep.grids.tiny.round-clip", List.of(Map.of("step", 0.5, "clip", 1.0)),
      "sweep.grids.tiny.svd-ranks", List.of(4));

  @TempDir
  Path run;

  private List<CompressionResultRow> sweep(Map<String, ?> overrides) {
    Map<String, Object> all = new HashMap<>(Map.of("evaluate.beam", 1, "evaluate.slices", 2));
    all.putAll(overrides);
    SettingsReader config = TrainingFixture.configuration(work, run, all);
    return SweepJob.run(spark, JobSettings.read(config, SweepSettings::from), model.toString(), Optional.of("study"),
        new PrintStream(OutputStream.nullOutputStream()));
  }

  @Test
  void everyCellIsTheCompressedModelEvaluated() throws Exception {
    List<CompressionResultRow> rows = sweep(TINY_GRID);
    assertEquals(List.of("none", "round", "round-clip", "svd"),
        rows.stream().map(CompressionResultRow::method).toList());
    CompressionResultRow original = rows.get(0);
    assertEquals(0, original.bleuChange());
    assertEquals(1, original.compressionRatio());

    Checkpoint checkpoint = Checkpoint.open(model);
    List<String> sources = Files.readAllLines(work.resolve("corpus/test.src"));
    List<String> references = Files.readAllLines(work.resolve("corpus/test.tgt"));
    ParallelIds validation = ShardReader.read(work.resolve("prepared").toString(), Split.VALID, new Configuration());
    BeamSearch search = new BeamSearch(1, 0, 2.0, 10);
    assertEquals(Evaluation.perplexity(checkpoint.loadModel(), validation, 32), original.validPerplexity(), 1e-6);
    for (CompressionResultRow row : rows.subList(1, rows.size())) {
      GateCompression method = row.compression().orElseThrow();
      GateCompressor.Compressed compressed = GateCompressor.compress(checkpoint.loadModel(), method);
      ComputationGraph graph = compressed.graph();
      Translator.Scored alone = Translator.forModel(checkpoint, graph, search, 32).translateAndScore(sources,
          references);
      assertEquals(alone.bleu().sacreBleu().score().score(), row.bleu(), 1e-9, row.toString());
      assertEquals(alone.bleu().multiBleu().score().score(), row.tokenizedBleu(), 1e-9, row.toString());
      assertEquals(row.bleu() - original.bleu(), row.bleuChange(), 1e-12);
      assertEquals(compressed.report().compressionRatio(), row.compressionRatio(), 1e-12);
      assertEquals(Evaluation.perplexity(graph, validation, 32), row.validPerplexity(), 1e-6);
      assertTrue(row.compressionRatio() > 1, row.toString());
    }

    List<Row> table = spark.read().parquet(run.resolve("warehouse").resolve(CompressionResultRow.TABLE.name())
        .toString()).orderBy("method").collectAsList();
    assertEquals(4, table.size());
    Row svd = table.get(3);
    assertEquals("svd", svd.getAs("method"));
    assertEquals(4, (int) svd.getAs("rank"));
    assertTrue(svd.isNullAt(svd.fieldIndex("step")) && svd.isNullAt(svd.fieldIndex("clip")));
    assertEquals("tiny", svd.getAs("grid"));
    assertEquals("tiny-trained", svd.getAs("model_run"));
  }

  @Test
  void ownGridsAreNoUnknownKeysToTheOtherJobs() {
    SettingsReader config = TrainingFixture.configuration(work, run, TINY_GRID);
    JobSettings.read(config, EvaluateSettings::from);
    SettingsReader misspelt = TrainingFixture.configuration(work, run, Map.of("sweep.grids.tiny.rounds",
        List.of(0.5)));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> SweepSettings.from(misspelt));
    assertTrue(e.getMessage().contains("sweep.grids.tiny.rounds") && e.getMessage().contains("unknown key"),
        e.getMessage());
    SettingsReader ranksOnly = TrainingFixture.configuration(work, run, Map.of("sweep.grid", "ranks",
        "sweep.grids.ranks.svd-ranks", List.of(8, 4)));
    assertEquals(List.of(new GateCompression.LowRank(8), new GateCompression.LowRank(4)),
        SweepSettings.from(ranksOnly).methods());
  }

  @Test
  void checksTheGridAndTheDataBeforeAnyWork() throws Exception {
    ConfigurationException rank = assertThrows(ConfigurationException.class, () -> sweep(Map.of()));
    assertTrue(rank.getMessage().contains("encoder-0 forward") && rank.getMessage().contains("found 32"),
        rank.getMessage());

    ConfigurationException grid = assertThrows(ConfigurationException.class,
        () -> sweep(Map.of("sweep.grid", "nonesuch")));
    assertTrue(grid.getMessage().contains("sweep.grid") && grid.getMessage().contains("[language-model, "
        + "translation]"), grid.getMessage());

    Path data = run.resolve("other-data");
    Files.createDirectories(data);
    for (String file : List.of("manifest.json", "bpe.codes", "vocab.src", "vocab.tgt")) {
      Files.copy(work.resolve("prepared").resolve(file), data.resolve(file));
    }
    Files.writeString(data.resolve("vocab.src"), "extra\t1\n", StandardOpenOption.APPEND);
    Map<String, Object> otherData = new HashMap<>(TINY_GRID);
    otherData.put("sweep.validation-data", data.toString());
    DataException vocabulary = assertThrows(DataException.class, () -> sweep(otherData));
    assertTrue(vocabulary.getMessage().contains("expected the vocabularies"), vocabulary.getMessage());
    assertFalse(Files.exists(run.resolve("warehouse").resolve(CompressionResultRow.TABLE.name())),
        "nothing was written");
  }
}
