package io.g2lstm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.ValidationHistory;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.EvaluatedModel;
import io.g2lstm.results.TrainingMetrics;
import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.train.TrainingFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvergenceBenchmarkTest {

  @TempDir
  Path run;

  @Test
  void tabulatesEveryEpochAndScoresTheBestCheckpoint() {
    SparkSession spark = SparkSessions.open("convergence-test", Optional.of("local[1]"));
    try {
      Path work = TrainingFixture.work(spark);
      SettingsReader config = TrainingFixture.configuration(work, run, Map.of("train.epochs", 3,
          "train.spark.workers", 1, "evaluate.beam", 2));
      ConvergenceBenchmark.Result result = ConvergenceBenchmark.run(spark,
          JobSettings.read(config, ConvergenceBenchmark.Settings::from), "convergence-1",
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

      assertEquals(List.of(1, 2, 3), result.epochs().stream().map(TrainingMetrics::epoch).toList());
      TrainingMetrics lowest = result.epochs().stream()
          .min(Comparator.comparingDouble(TrainingMetrics::validPerplexity)).orElseThrow();
      assertEquals(lowest.epoch(), result.best().epoch(), "the best checkpoint is scored");
      assertEquals(List.of(BleuFlavour.SACREBLEU, BleuFlavour.MULTI_BLEU),
          result.scores().stream().map(BleuScoreRow::flavour).toList());
      assertTrue(result.scores().stream().allMatch(row -> row.runId().equals("convergence-1")
          && row.sentences() == TrainingFixture.HELD_OUT_PAIRS));

      List<String> lines = result.lines();
      assertEquals(2 + 3 + 1 + 2, lines.size(), String.join("\n", lines));
      assertTrue(lines.get(0).contains("tiny (g2 gates), 1 Spark workers"), lines.get(0));
      assertTrue(lines.get(2 + lowest.epoch() - 1).contains(String.format(java.util.Locale.ROOT, "%.2f",
          lowest.validPerplexity())), String.join("\n", lines));
      assertTrue(lines.get(6).contains(String.format(java.util.Locale.ROOT, "BLEU %6.2f (beam 2, epoch %d)",
          result.scores().get(0).score(), lowest.epoch())), lines.get(6));
    } finally {
      spark.stop();
    }
  }

  private static ConvergenceBenchmark.Result run(int workers, double bleu, double[] wallSeconds,
      double[] perplexities) {
    List<TrainingMetrics> epochs = new java.util.ArrayList<>();
    for (int e = 0; e < wallSeconds.length; e++) {
      epochs.add(new TrainingMetrics("r", "tiny", GateMode.G2, e + 1, 10L * (e + 1), 1, perplexities[e], 100,
          wallSeconds[e], workers));
    }
    BleuScoreRow score = new BleuScoreRow("r", new EvaluatedModel("r", "tiny", GateMode.G2, 1), "best", "test", 64,
        5, BleuFlavour.SACREBLEU, bleu, List.of(50.0, 40.0, 30.0, 20.0), 1, 100, 100, "sig");
    double best = java.util.Arrays.stream(perplexities).min().orElseThrow();
    return new ConvergenceBenchmark.Result("tiny", "g2", workers, epochs, List.of(score),
        new Checkpoint.State(1, 10, 1, best, "r", ValidationHistory.NONE, "sha"));
  }

  @Test
  void scalingTimesEachRunToTheTargetPerplexity() {
    ConvergenceBenchmark.Result one = run(1, 30.0, new double[] {40, 40, 40, 40}, new double[] {9, 3, 1.2, 1.05});
    ConvergenceBenchmark.Result two = run(2, 29.7, new double[] {25, 25, 25, 25}, new double[] {12, 4, 1.08, 1.01});
    assertEquals(Optional.of(new ConvergenceBenchmark.Reached(4, 160)), one.reached(1.10));
    assertEquals(Optional.of(new ConvergenceBenchmark.Reached(3, 75)), two.reached(1.10));
    assertEquals(Optional.empty(), one.reached(1.0));

    List<String> lines = ConvergenceBenchmark.scalingLines(1.10, List.of(one, two));
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).matches("\\s+1\\s+4\\s+160\\.0\\s+1\\.05\\s+test sacrebleu 30\\.00"), lines.get(1));
    assertTrue(lines.get(3).contains("speed-up to perplexity 1.10 2.13x (0.47 of the wall time"), lines.get(3));
    assertTrue(lines.get(3).contains("sacrebleu BLEU -0.30"), lines.get(3));
    List<String> unreached = ConvergenceBenchmark.scalingLines(1.02, List.of(one, two));
    assertTrue(unreached.get(1).contains("not reached"), unreached.get(1));
    assertTrue(unreached.get(3).contains("not measured: 1 workers did not reach it"), unreached.get(3));
  }
}
