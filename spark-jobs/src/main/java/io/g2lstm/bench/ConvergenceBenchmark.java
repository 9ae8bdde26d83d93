package io.g2lstm.bench;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.train.Checkpoint;
import io.g2lstm.spark.eval.BleuScoreRow;
import io.g2lstm.spark.eval.EvaluateJob;
import io.g2lstm.spark.eval.EvaluateSettings;
import io.g2lstm.spark.train.SparkTrainSettings;
import io.g2lstm.spark.train.SparkTrainer;
import io.g2lstm.spark.train.TrainingMetrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench convergence}: trains a configuration's model from scratch with the Spark trainer, then scores the
 * best checkpoint (lowest validation perplexity) on the test sets, and tabulates per epoch the wall time, train
 * loss and validation perplexity, then the test BLEU. The figures are those of the run's own
 * {@code training_metrics} and {@code bleu_scores} rows, so the table and the warehouse agree.
 */
public final class ConvergenceBenchmark {

  /** What a run reached. */
  public record Result(String model, String gateMode, int workers, List<TrainingMetrics> epochs,
      List<BleuScoreRow> scores, Checkpoint.State best) {

    /** The table the command prints. */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      lines.add(String.format(Locale.ROOT, "convergence of %s (%s gates), %d Spark workers", model, gateMode,
          workers));
      lines.add(String.format(Locale.ROOT, "  %5s %10s %11s %10s %12s", "epoch", "wall s", "train loss", "valid ppl",
          "tokens/s"));
      double total = 0;
      for (TrainingMetrics epoch : epochs) {
        total += epoch.wallSeconds();
        lines.add(String.format(Locale.ROOT, "  %5d %10.1f %11.4f %10.2f %,12.0f", epoch.epoch(), epoch.wallSeconds(),
            epoch.trainLoss(), epoch.validPerplexity(), epoch.tokensPerSecond()));
      }
      lines.add(String.format(Locale.ROOT, "  training %.1f min in all; best epoch %d (validation perplexity %.2f)",
          total / 60, best.epoch(), best.validPerplexity()));
      for (BleuScoreRow score : scores) {
        lines.add(String.format(Locale.ROOT, "  test %-18s %-10s BLEU %6.2f (beam %d, epoch %d)", score.testSet(),
            score.flavour(), score.score(), score.beam(), best.epoch()));
      }
      return lines;
    }
  }

  private ConvergenceBenchmark() {}

  /**
   * Trains into {@code train.output} (which must hold no checkpoints) under {@code runId}, then evaluates
   * {@code checkpoints/best}; both write their rows to {@code results.warehouse} as the jobs do.
   */
  public static Result run(SparkSession spark, SettingsReader config, String runId, PrintStream log) {
    ModelSettings model = ModelSettings.from(config);
    SparkTrainSettings cluster = SparkTrainSettings.from(config);
    EvaluateSettings evaluation = EvaluateSettings.from(config);
    String output = config.section("train").nonBlankString("output");
    SparkTrainer trainer = SparkTrainer.fromConfiguration(spark, config, log);
    SparkTrainer.Result trained = trainer.run(false, Optional.of(runId));
    Path best = Path.of(output, Checkpoint.DIRECTORY, Checkpoint.BEST);
    EvaluateJob.Result evaluated = EvaluateJob.run(spark, evaluation, best.toString(), Optional.of(runId),
        config.renderResolved(), log);
    return new Result(model.name(), SettingsReader.settingName(model.gate().mode()), cluster.workers(),
        trained.metrics(), evaluated.scores(), Checkpoint.open(best).state());
  }
}
