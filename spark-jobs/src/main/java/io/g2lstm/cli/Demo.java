package io.g2lstm.cli;

import io.g2lstm.common.Directories;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.common.TextFiles;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.bleu.BleuScore;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.model.train.Checkpoint;
import io.g2lstm.model.train.TrainSettings;
import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.prep.pipeline.PrepareSettings;
import io.g2lstm.spark.ResultTables;
import io.g2lstm.spark.train.SparkTrainSettings;
import io.g2lstm.spark.train.SparkTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo: the whole pipeline on the embedded synthetic corpus, with {@code conf/demo.conf} (packaged in the jar):
 * generate the corpus, prepare it in local Spark, train the tiny model by parameter averaging in local Spark, translate the test split with beam search
 * and score it with BLEU. Everything goes under one work directory; each run starts afresh.
 */
final class Demo {

  static final String CONFIGURATION = "g2lstm/conf/demo.conf";
  static final long SEED = 20180710L;
  static final String RUN_ID = "demo";

  /** How many synthetic pairs each split gets. */
  record Sizes(int train, int valid, int test) {
    static final Sizes DEFAULT = new Sizes(20_000, 500, 500);
  }

  /** What the demo achieved. */
  record Result(BleuScore bleu, Path checkpoint, Path hypotheses) {}

  private Demo() {}

  static Result run(Path work, Optional<String> master, Sizes sizes, PrintStream out) throws IOException {
    Path corpus = work.resolve("corpus");
    out.printf("demo: generating the synthetic corpus in %s (seed %d: %d/%d/%d pairs)%n", corpus, SEED,
        sizes.train(), sizes.valid(), sizes.test());
    new SyntheticCorpus(SEED).writeSplits(corpus, sizes.train(), sizes.valid(), sizes.test());
    SettingsReader config = SettingsReader.parse(JobCommands.resourceText(CONFIGURATION), CONFIGURATION,
        Map.of("paths.work", work.toString()));
    PrepareSettings prepare = PrepareSettings.from(config);
    ModelSettings model = ModelSettings.from(config);
    TrainSettings train = TrainSettings.from(config);
    config.rejectUnknownKeys();
    JobCommands.runPrepare(prepare, config, master, out);

    SparkTrainSettings cluster = SparkTrainSettings.from(config);
    out.printf("demo: training %s (%s gates, %d epochs) on %d Spark workers into %s%n", model.name(),
        SettingsReader.settingName(model.gate().mode()), train.epochs(), cluster.workers(), train.output());
    Path trainOutput = Path.of(train.output());
    Directories.deleteTree(trainOutput);
    SparkTrainer.Result trained = JobCommands.runTrain(config, false, Optional.of(RUN_ID), master, out);
    out.printf("demo: training metrics of run %s are in the table %s%n", trained.runId(),
        ResultTables.location(cluster.warehouse(), "training_metrics"));

    Checkpoint checkpoint = Checkpoint.latest(trainOutput).orElseThrow();
    Translator translator = Translator.fromCheckpoint(checkpoint, new BeamSearch(5, 0, 2.0, 10), 32);
    List<String> sources = Files.readAllLines(corpus.resolve("test.src"));
    List<String> references = Files.readAllLines(corpus.resolve("test.tgt"));
    long start = System.nanoTime();
    Translator.Scored result = translator.translateAndScore(sources, references);
    double seconds = (System.nanoTime() - start) / 1e9;
    Path hypotheses = work.resolve("test.hyp");
    TextFiles.write(hypotheses, w -> {
      for (String line : result.hypotheses()) {
        w.write(line);
        w.write('\n');
      }
    });
    out.printf(Locale.ROOT, "demo: translated the %d test sentences (beam 5) in %.1f s into %s; for example:%n",
        sources.size(), seconds, hypotheses);
    for (int i = 0; i < Math.min(5, sources.size()); i++) {
      out.printf("  source:      %s%n  reference:   %s%n  translation: %s%n", sources.get(i), references.get(i),
          result.hypotheses().get(i));
    }
    BleuScore bleu = result.bleu().sacreBleu().score();
    out.println("demo: " + bleu.line());
    out.println("      " + result.bleu().sacreBleu().signature());
    return new Result(bleu, checkpoint.directory(), hypotheses);
  }
}
