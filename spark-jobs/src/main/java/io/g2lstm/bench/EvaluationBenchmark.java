package io.g2lstm.bench;

import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.prep.corpus.StreamOpener;
import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.prep.pipeline.PrepareSettings;
import io.g2lstm.spark.PrepareJob;
import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.eval.CheckpointFiles;
import io.g2lstm.spark.eval.DistributedEvaluation;
import io.g2lstm.spark.eval.EvaluateSettings;
import io.g2lstm.spark.eval.ModelVariant;
import io.g2lstm.spark.eval.SweepJob;
import io.g2lstm.spark.eval.SweepSettings;
import io.g2lstm.spark.eval.TestSet;
import io.g2lstm.spark.train.SparkTrainer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Measures evaluation on a small model: the demo's tiny G²-LSTM model trained for {@value #EPOCHS} epochs on the
 * synthetic corpus (a model that translates, so that decoding stops where a real one does),
 * then its test split translated with beam search in local mode with 1 and with 2 cores (one slice per core), and
 * the sweep of the default grid. Prints nothing; the {@code bench} command formats the result.
 */
public final class EvaluationBenchmark {

  /**
   * Medians over the measured runs.
   *
   * @param oneCore translation throughput of the test split in sentences per second, in local[1]
   * @param twoCores the same in local[2]
   * @param sweepSeconds the sweep job's wall time in local[2]
   * @param cells the sweep's settings, the model as trained included
   */
  public record Result(int sentences, int beam, double oneCore, double twoCores, double sweepSeconds, int cells,
      double bleu) {}

  private static final long SEED = 7;
  public static final int EPOCHS = 3;

  private EvaluationBenchmark() {}

  /** What the benchmark reads: its model is prepared, trained, evaluated and swept from one configuration. */
  private record Settings(PrepareSettings prepare, SparkTrainer.Settings training, EvaluateSettings evaluate,
      SweepSettings sweep) {

    static Settings from(SettingsReader config) {
      return new Settings(PrepareSettings.from(config), SparkTrainer.Settings.from(config),
          EvaluateSettings.from(config), SweepSettings.from(config));
    }
  }

  /**
   * @param configuration the demo configuration's text (its model, corpus layout and evaluation settings)
   * @param work a scratch directory
   */
  public static Result run(String configuration, Path work, int runs) throws IOException {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    new SyntheticCorpus(SEED).writeSplits(work.resolve("corpus"), 20_000, 500, 500);
    Map<String, Object> overrides = new HashMap<>(Map.of("paths.work", work.toString(), "train.epochs", EPOCHS));
    JobSettings<Settings> job = JobSettings.read(SettingsReader.parse(configuration, "demo.conf", overrides),
        Settings::from);
    SparkSession spark = SparkSessions.open("bench-eval-train", Optional.of("local[2]"));
    try {
      PrepareJob.run(spark, job.map(Settings::prepare));
      SparkTrainer.of(spark, job.map(Settings::training), quiet).run(false, Optional.of("bench"));
    } finally {
      spark.stop();
    }
    String model = work.resolve("train").toString();
    EvaluateSettings evaluate = job.settings().evaluate();
    double[] throughput = new double[2];
    double sweep = 0;
    int cells = 0;
    double bleu = 0;
    int sentences = 0;
    for (int cores = 1; cores <= 2; cores++) {
      spark = SparkSessions.open("bench-eval", Optional.of("local[" + cores + "]"));
      try {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        CheckpointFiles files = CheckpointFiles.read(model, new Configuration());
        TestSet testSet = TestSet.read(evaluate.testSets().get(0), StreamOpener.LOCAL);
        sentences = testSet.size();
        ParallelIds none = new ParallelIds(new long[0], new int[0][], new int[0][]);
        int slices = cores;
        double[] lastBleu = new double[1];
        throughput[cores - 1] = Measurement.run(1, runs, figures -> {
          double seconds = Measurement.seconds(() -> lastBleu[0] = DistributedEvaluation.run(sc, files,
              List.of(new ModelVariant.Original()), List.of(testSet), none, evaluate.decoding(), slices).get(0)
              .bleu().sacreBleu().score().score());
          figures.put("sentences/s", testSet.size() / seconds);
        }).median("sentences/s");
        bleu = lastBleu[0];
        if (cores == 2) {
          cells = job.settings().sweep().methods().size() + 1;
          SparkSession session = spark;
          sweep = Measurement.run(0, runs, figures -> figures.time("sweep", () -> SweepJob.run(session,
              job.map(Settings::sweep), model, Optional.of("bench"), quiet))).median("sweep");
        }
      } finally {
        spark.stop();
      }
    }
    return new Result(sentences, evaluate.decoding().search().beam(), throughput[0], throughput[1], sweep, cells,
        bleu);
  }
}
