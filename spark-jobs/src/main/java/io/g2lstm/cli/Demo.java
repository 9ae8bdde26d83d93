package io.g2lstm.cli;

import io.g2lstm.common.Directories;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.common.fs.OutputOwner;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.prep.pipeline.PrepareSettings;
import io.g2lstm.report.ReportWriter;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.spark.PrepareJob;
import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.eval.EvaluateJob;
import io.g2lstm.spark.eval.EvaluateSettings;
import io.g2lstm.spark.eval.SweepJob;
import io.g2lstm.spark.eval.SweepSettings;
import io.g2lstm.spark.gates.GatesJob;
import io.g2lstm.spark.gates.GatesSettings;
import io.g2lstm.spark.report.ReportJob;
import io.g2lstm.spark.train.SparkTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The demo: the whole study on the embedded synthetic corpus, with {@code conf/demo.conf} (packaged in the jar), in
 * one local Spark session: generate the corpus, prepare it, train the tiny model three times (baseline, sharpened
 * and G² gates; parameter averaging with one worker), and for each model evaluate BLEU on the test split, sweep the
 * gate compressions and record the gate statistics, all as run {@value #RUN_ID}; then render the report. Everything
 * goes under one work directory (new, empty or an earlier demo's); each run starts afresh.
 */
final class Demo {

  static final String CONFIGURATION = "g2lstm/conf/demo.conf";
  static final long SEED = 20180710L;
  static final String RUN_ID = "demo";
  /** The demo's work directory carries a marker: the demo replaces only a directory it made. */
  static final OutputOwner OWNER = OutputOwner.marked("demo");

  /** How many synthetic pairs each split gets. */
  record Sizes(int train, int valid, int test) {
    static final Sizes DEFAULT = new Sizes(20_000, 500, 500);
  }

  /**
   * What the demo achieved.
   *
   * @param evaluations per gate mode, the evaluation of its model
   * @param report the report's HTML page
   */
  record Result(Map<GateMode, EvaluateJob.Result> evaluations, Path report) {}

  private Demo() {}

  static Result run(Path work, Optional<String> master, Sizes sizes, PrintStream out) throws IOException {
    long start = System.nanoTime();
    // Everything below the work directory is replaced: it must be the demo's own.
    OWNER.requireReplaceable(LocalFileStore.INSTANCE, work.toString(), "demo --work");
    Files.createDirectories(work);
    if (!OWNER.owns(LocalFileStore.INSTANCE, work.toString())) {
      OWNER.mark(LocalFileStore.INSTANCE, work.toString());
    }
    Path corpus = work.resolve("corpus");
    out.printf("demo: generating the synthetic corpus in %s (seed %d: %d/%d/%d pairs)%n", corpus, SEED,
        sizes.train(), sizes.valid(), sizes.test());
    new SyntheticCorpus(SEED).writeSplits(corpus, sizes.train(), sizes.valid(), sizes.test());
    String configuration = JobCommands.resourceText(CONFIGURATION);
    JobSettings<Base> base = JobSettings.read(settings(configuration, work, GateMode.G2), Base::from);
    SparkSession spark = SparkSessions.open("demo", Optional.of(master.orElse("local[2]")));
    try {
      long prepareStart = System.nanoTime();
      PrepareManifest manifest = PrepareJob.run(spark, base.map(Base::prepare));
      JobCommands.printSummary(manifest, base.settings().prepare().output(), (System.nanoTime() - prepareStart) / 1e9,
          out);
      Directories.deleteTree(work.resolve("train"));

      Map<GateMode, EvaluateJob.Result> evaluations = new LinkedHashMap<>();
      for (GateMode mode : GateMode.values()) {
        String name = SettingsReader.settingName(mode);
        JobSettings<ModelRun> run = JobSettings.read(settings(configuration, work, mode), ModelRun::from);
        out.printf("demo: training the %s model (run %s)%n", name, runId(mode));
        SparkTrainer.of(spark, run.map(ModelRun::training), out).run(false, Optional.of(runId(mode)));
        String model = work.resolve("train").resolve(name).toString();
        out.printf("demo: evaluating, sweeping the gate compressions and recording the gates of %s%n", name);
        evaluations.put(mode, EvaluateJob.run(spark, run.map(ModelRun::evaluate), model, Optional.of(RUN_ID), out));
        SweepJob.run(spark, run.map(ModelRun::sweep), model, Optional.of(RUN_ID), out);
        GatesJob.run(spark, run.map(ModelRun::gates), model, Optional.of(RUN_ID), out);
      }
      JobCommands.ReportSettings report = base.settings().report();
      Path page = ReportJob.run(spark, report.warehouse(), RUN_ID, report.output(), "report.output")
          .resolve(ReportWriter.HTML);
      out.println("demo: BLEU on the synthetic test split (beam 5), sacreBLEU and tokenized:");
      for (Map.Entry<GateMode, EvaluateJob.Result> evaluation : evaluations.entrySet()) {
        out.printf(Locale.ROOT, "  %-10s", SettingsReader.settingName(evaluation.getKey()));
        for (BleuScoreRow score : evaluation.getValue().scores()) {
          out.printf(Locale.ROOT, "  %s %6.2f", SettingsReader.settingName(score.flavour()), score.score());
        }
        out.println();
      }
      out.printf(Locale.ROOT, "demo: done in %.0f s; the report is %s%n", (System.nanoTime() - start) / 1e9,
          page.toAbsolutePath());
      return new Result(evaluations, page);
    } finally {
      spark.stop();
    }
  }

  /** The training run of the model with {@code mode} gates. */
  static String runId(GateMode mode) {
    return RUN_ID + "-" + SettingsReader.settingName(mode);
  }

  /** The demo configuration for the model with {@code mode} gates, trained into {@code <work>/train/<mode>}. */
  private static SettingsReader settings(String configuration, Path work, GateMode mode) {
    String name = SettingsReader.settingName(mode);
    return SettingsReader.parse(configuration, CONFIGURATION, Map.of("paths.work", work.toString(),
        "model.gate.mode", name, "train.output", work.resolve("train").resolve(name).toString()));
  }

  /** What the demo reads once: {@code prepare} and the report's warehouse and directory. */
  private record Base(PrepareSettings prepare, JobCommands.ReportSettings report) {

    static Base from(SettingsReader config) {
      return new Base(PrepareSettings.from(config), JobCommands.ReportSettings.from(config));
    }
  }

  /** What the demo reads for each model: training, then evaluation, sweep and gates of it. */
  private record ModelRun(SparkTrainer.Settings training, EvaluateSettings evaluate, SweepSettings sweep,
      GatesSettings gates) {

    static ModelRun from(SettingsReader config) {
      return new ModelRun(SparkTrainer.Settings.from(config), EvaluateSettings.from(config),
          SweepSettings.from(config), GatesSettings.from(config));
    }
  }
}
