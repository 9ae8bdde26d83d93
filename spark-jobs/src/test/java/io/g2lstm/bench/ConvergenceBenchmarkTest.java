package io.g2lstm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.eval.BleuScoreRow;
import io.g2lstm.spark.train.TrainingFixture;
import io.g2lstm.spark.train.TrainingMetrics;
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
      ConvergenceBenchmark.Result result = ConvergenceBenchmark.run(spark, config, "convergence-1",
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

      assertEquals(List.of(1, 2, 3), result.epochs().stream().map(TrainingMetrics::epoch).toList());
      TrainingMetrics lowest = result.epochs().stream()
          .min(Comparator.comparingDouble(TrainingMetrics::validPerplexity)).orElseThrow();
      assertEquals(lowest.epoch(), result.best().epoch(), "the best checkpoint is scored");
      assertEquals(List.of(BleuScoreRow.SACREBLEU, BleuScoreRow.MULTI_BLEU),
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
}
