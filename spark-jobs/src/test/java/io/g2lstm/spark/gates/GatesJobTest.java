package io.g2lstm.spark.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.gates.GateLayer;
import io.g2lstm.model.gates.GateRecorder;
import io.g2lstm.model.gates.GateStatistics;
import io.g2lstm.model.gates.GateSummary;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.GateTokenMeanRow;
import io.g2lstm.spark.ShardReader;
import io.g2lstm.spark.eval.OnTrainedModel;
import io.g2lstm.spark.train.TrainingFixture;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gates job in local Spark on the tiny trained model. */
class GatesJobTest extends OnTrainedModel {

  private static final int SENTENCES = 150;

  @TempDir
  Path run;

  private GatesJob.Result gates(Map<String, ?> overrides) {
    Map<String, Object> all = new HashMap<>(Map.of("gates.sentences", SENTENCES, "gates.slices", 3,
        "gates.selected-sentences", List.of(0, 2), "gates.images", run.resolve("images").toString()));
    all.putAll(overrides);
    SettingsReader config = TrainingFixture.configuration(work, run, all);
    return GatesJob.run(spark, JobSettings.read(config, GatesSettings::from), model.toString(), Optional.of("study"),
        new PrintStream(OutputStream.nullOutputStream()));
  }

  /** The first pairs of the training split by sequence id, as the job takes them. */
  private static ParallelIds firstTrainingPairs(int count) {
    ParallelIds all = ShardReader.read(work.resolve("prepared").toString(), Split.TRAIN, new Configuration());
    Integer[] order = new Integer[all.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingLong(i -> all.sequenceIds()[i]));
    long[] ids = new long[count];
    int[][] sources = new int[count][];
    int[][] targets = new int[count][];
    for (int i = 0; i < count; i++) {
      ids[i] = all.sequenceIds()[order[i]];
      sources[i] = all.source()[order[i]];
      targets[i] = all.target()[order[i]];
    }
    return new ParallelIds(ids, sources, targets);
  }

  @Test
  void countsAcrossTheClusterWhatOneProcessCounts() {
    GatesJob.Result result = gates(Map.of());
    ParallelIds pairs = firstTrainingPairs(SENTENCES);
    GateSummary alone = new GateRecorder(Checkpoint.open(model).loadModel(), GateLayer.DEFAULT)
        .accumulate(pairs, 64, new GateStatistics(GateLayer.DEFAULT)).freeze();
    GateSummary summary = result.summary();
    assertEquals(SENTENCES, summary.sentences());
    assertEquals(pairs.targetTokens(), summary.positions(), "decoder positions: target tokens and </s>");
    assertEquals(alone.input().bins(), summary.input().bins());
    assertEquals(alone.forget().bins(), summary.forget().bins());
    assertEquals(alone.input().below(), summary.input().below());
    assertEquals(alone.forget().above(), summary.forget().above());
    assertEquals(alone.input().mean(), summary.input().mean(), 1e-9);

    List<Row> histogram = spark.read().parquet(run.resolve("warehouse").resolve(GateHistogramRow.TABLE.name())
        .toString()).orderBy("gate", "bin").collectAsList();
    assertEquals(40, histogram.size(), "20 bins for each of two gates");
    double forgetFractions = 0;
    for (Row row : histogram.subList(0, 20)) {
      assertEquals("forget", row.getAs("gate"));
      assertEquals(summary.forget().shareBelow(), (double) row.getAs("share_below_0_1"), 1e-12);
      forgetFractions += (double) row.<Double>getAs("fraction");
    }
    assertEquals(1, forgetFractions, 1e-9);

    List<GateTokenMeanRow> tokens = result.tokens();
    List<GateTokenMeanRow> first = tokens.stream().filter(t -> t.sentence() == 0).toList();
    assertEquals(pairs.target()[0].length + 1, first.size(), "one row per target token and </s>");
    assertEquals("</s>", first.get(first.size() - 1).token());
    assertEquals(pairs.sequenceIds()[2], tokens.stream().filter(t -> t.sentence() == 2).findFirst().orElseThrow()
        .sequenceId());
    assertEquals(tokens.size(), spark.read().parquet(run.resolve("warehouse").resolve(GateTokenMeanRow.TABLE.name())
        .toString()).count());
    assertTrue(Files.isRegularFile(result.images().resolve("gate-histogram-decoder-0-input.svg")),
        result.images().toString());
    assertTrue(Files.isRegularFile(result.images().resolve("token-gates-sentence-0.svg")));
  }

  @Test
  void recordsEitherDirectionOfTheBidirectionalEncoderLayer() {
    GatesJob.Result backward = gates(Map.of("gates.layer", "encoder-0-backward", "gates.selected-sentences",
        List.of(1)));
    ParallelIds pairs = firstTrainingPairs(SENTENCES);
    long sourceTokens = Arrays.stream(pairs.source()).mapToLong(s -> s.length).sum();
    assertEquals(sourceTokens, backward.summary().positions());
    assertEquals(pairs.source()[1].length, backward.tokens().size());
    assertEquals("encoder-0-backward", backward.tokens().get(0).layer());
  }

  @Test
  void checksTheLayerTheSelectionAndTheDataBeforeAnyWork() throws Exception {
    ConfigurationException layer = assertThrows(ConfigurationException.class,
        () -> gates(Map.of("gates.layer", "decoder-7")));
    assertTrue(layer.getMessage().contains("decoder-0") && layer.getMessage().contains("decoder-7"),
        layer.getMessage());
    ConfigurationException selected = assertThrows(ConfigurationException.class,
        () -> gates(Map.of("gates.selected-sentences", List.of(SENTENCES))));
    assertTrue(selected.getMessage().contains("gates.selected-sentences"), selected.getMessage());

    Path data = Files.createDirectories(run.resolve("other-data"));
    for (String file : List.of("manifest.json", "bpe.codes", "vocab.src", "vocab.tgt")) {
      Files.copy(work.resolve("prepared").resolve(file), data.resolve(file));
    }
    Files.writeString(data.resolve("vocab.tgt"), "extra\t1\n", StandardOpenOption.APPEND);
    DataException vocabulary = assertThrows(DataException.class, () -> gates(Map.of("gates.data",
        data.toString())));
    assertTrue(vocabulary.getMessage().contains("expected the vocabularies"), vocabulary.getMessage());
    assertFalse(Files.exists(run.resolve("warehouse")), "nothing was written");
  }
}
