package io.g2lstm.bench;

import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.CheckpointStore;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.TrainingMetrics;
import io.g2lstm.spark.eval.EvaluateJob;
import io.g2lstm.spark.eval.EvaluateSettings;
import io.g2lstm.spark.train.SparkTrainer;
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
            SettingsReader.settingName(score.flavour()), score.score(), score.beam(), best.epoch()));
      }
      return lines;
    }

    /**
     * The training wall time until the end of the first epoch whose validation perplexity is at most
     * {@code perplexity}, and that epoch; empty if no epoch reached it.
     */
    public Optional<Reached> reached(double perplexity) {
      double seconds = 0;
      for (TrainingMetrics epoch : epochs) {
        seconds += epoch.wallSeconds();
        if (epoch.validPerplexity() <= perplexity) {
          return Optional.of(new Reached(epoch.epoch(), seconds));
        }
      }
      return Optional.empty();
    }
  }

  /** When a run reached a target perplexity: after {@code epoch}, {@code seconds} of training in all. */
  public record Reached(int epoch, double seconds) {}

  /**
   * {@code bench scaling}'s table: per run (fewest workers first) the epoch and wall time at which it reached
   * {@code target}, its best validation perplexity and test BLEU; then each run's speed-up over the first run in
   * time to the target, and its BLEU difference.
   */
  public static List<String> scalingLines(double target, List<Result> runs) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "  %7s %12s %12s %9s  %s", "workers", "epoch at P", "wall s to P",
        "best ppl", "test BLEU of the best checkpoint"));
    for (Result run : runs) {
      Optional<Reached> reached = run.reached(target);
      StringBuilder bleu = new StringBuilder();
      for (BleuScoreRow score : run.scores()) {
        bleu.append(String.format(Locale.ROOT, "%s %s %.2f  ", score.testSet(),
            SettingsReader.settingName(score.flavour()), score.score()));
      }
      lines.add(String.format(Locale.ROOT, "  %7d %12s %12s %9.2f  %s", run.workers(),
          reached.map(r -> Integer.toString(r.epoch())).orElse("-"),
          reached.map(r -> String.format(Locale.ROOT, "%.1f", r.seconds())).orElse("not reached"),
          run.best().validPerplexity(), bleu.toString().strip()));
    }
    Result first = runs.get(0);
    Optional<Reached> base = first.reached(target);
    for (Result run : runs.subList(1, runs.size())) {
      Optional<Reached> reached = run.reached(target);
      String speedUp = base.isPresent() && reached.isPresent()
          ? String.format(Locale.ROOT, "%.2fx (%.2f of the wall time; target >= 1.67x)",
              base.get().seconds() / reached.get().seconds(), reached.get().seconds() / base.get().seconds())
          : "not measured: " + (base.isEmpty() ? first.workers() : run.workers()) + " workers did not reach it";
      double bleuDifference = run.scores().isEmpty() || first.scores().isEmpty() ? Double.NaN
          : run.scores().get(0).score() - first.scores().get(0).score();
      lines.add(String.format(Locale.ROOT, "  %d -> %d workers: speed-up to perplexity %.2f %s; %s BLEU %+.2f "
              + "(target within 0.5)", first.workers(), run.workers(), target, speedUp,
          first.scores().isEmpty() ? "" : SettingsReader.settingName(first.scores().get(0).flavour()),
          bleuDifference));
    }
    return lines;
  }

  private ConvergenceBenchmark() {}

  /** What a convergence run reads: the training settings and the evaluation of its best checkpoint. */
  public record Settings(SparkTrainer.Settings training, EvaluateSettings evaluation) {

    public static Settings from(SettingsReader config) {
      return new Settings(SparkTrainer.Settings.from(config), EvaluateSettings.from(config));
    }
  }

  /**
   * Trains into {@code train.output} (which must hold no checkpoints) under {@code runId}, then evaluates
   * {@code checkpoints/best}; both write their rows to {@code results.warehouse} as the jobs do.
   */
  public static Result run(SparkSession spark, JobSettings<Settings> job, String runId, PrintStream log) {
    SparkTrainer.Settings training = job.settings().training();
    ModelSettings model = training.model();
    SparkTrainer.Result trained = SparkTrainer.of(spark, job.map(Settings::training), log)
        .run(false, Optional.of(runId));
    Path best = Path.of(new CheckpointStore(LocalFileStore.INSTANCE, training.train().output()).bestPointer());
    EvaluateJob.Result evaluated = EvaluateJob.run(spark, job.map(Settings::evaluation), best.toString(),
        Optional.of(runId), log);
    return new Result(model.name(), SettingsReader.settingName(model.gate().mode()), training.cluster().workers(),
        trained.metrics(), evaluated.scores(), Checkpoint.open(best).state());
  }
}
