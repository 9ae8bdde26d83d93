package io.g2lstm.cli;

import io.g2lstm.common.CommandLine;
import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.Directories;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.common.TextFiles;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.bleu.BleuMetric;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.model.train.Checkpoint;
import io.g2lstm.model.train.TrainSettings;
import io.g2lstm.model.train.Trainer;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.prep.pipeline.PrepareSettings;
import io.g2lstm.prep.pipeline.PrepareStatistics;
import io.g2lstm.spark.PrepareJob;
import io.g2lstm.spark.ShardReader;
import io.g2lstm.spark.SparkSessions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/** The Spark job commands: parse the command line, load the settings, run the job, print a summary. */
final class JobCommands {

  /** The demo's configuration, packaged from {@code conf/demo.conf}. */
  static final String DEMO_CONF = "g2lstm/conf/demo.conf";
  static final int DEMO_TRAIN = 20_000;
  static final int DEMO_VALID = 500;
  static final int DEMO_TEST = 500;
  static final long DEMO_SEED = 20180710L;

  private JobCommands() {}

  static void prepare(List<String> args) {
    CommandLine cli = new CommandLine("prepare").option("--conf").option("--master").parse(args)
        .atMostPositionals(0);
    SettingsReader config = SettingsReader.load(Path.of(cli.required("--conf")));
    PrepareSettings settings = PrepareSettings.from(config);
    config.rejectUnknownKeys();
    runPrepare(settings, config, cli.value("--master"), System.out);
  }

  static void demo(List<String> args) throws IOException {
    CommandLine cli = new CommandLine("demo").option("--work").option("--master").parse(args).atMostPositionals(0);
    Path work = Path.of(cli.value("--work").orElse("work/demo")).toAbsolutePath().normalize();
    PrintStream out = System.out;
    Path corpus = work.resolve("corpus");
    out.printf("demo: generating the synthetic corpus in %s (seed %d: %d/%d/%d pairs)%n", corpus, DEMO_SEED,
        DEMO_TRAIN, DEMO_VALID, DEMO_TEST);
    new SyntheticCorpus(DEMO_SEED).writeSplits(corpus, DEMO_TRAIN, DEMO_VALID, DEMO_TEST);
    SettingsReader config = SettingsReader.parse(resourceText(DEMO_CONF), DEMO_CONF,
        Map.of("paths.work", work.toString()));
    PrepareSettings settings = PrepareSettings.from(config);
    ModelSettings model = ModelSettings.from(config);
    TrainSettings train = TrainSettings.from(config);
    config.rejectUnknownKeys();
    runPrepare(settings, config, cli.value("--master"), out);

    out.printf("demo: training %s (%s gates, %d epochs) into %s%n", model.name(),
        SettingsReader.settingName(model.gate().mode()), train.epochs(), train.output());
    Path trainOutput = Path.of(train.output());
    Directories.deleteTree(trainOutput); // every demo run trains afresh
    Configuration hadoop = new Configuration();
    new Trainer(model, train, Path.of(settings.output()), config.renderResolved(), out).run(
        ShardReader.read(settings.output(), Split.TRAIN, hadoop),
        ShardReader.read(settings.output(), Split.VALID, hadoop), false);

    Checkpoint checkpoint = Checkpoint.latest(trainOutput).orElseThrow();
    Translator translator = Translator.fromCheckpoint(checkpoint, new BeamSearch(5, 0, 2.0, 10), 32);
    List<String> sources = Files.readAllLines(corpus.resolve("test.src"));
    List<String> references = Files.readAllLines(corpus.resolve("test.tgt"));
    long start = System.nanoTime();
    Translator.Scored result = translator.translateAndScore(sources, references, BleuMetric.sacreBleuDefaults());
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
    out.println("demo: " + result.statistics().score().line());
    out.println("      " + result.statistics().signature());
  }

  private static void runPrepare(PrepareSettings settings, SettingsReader config, Optional<String> master,
      PrintStream out) {
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.open("prepare", master);
    try {
      PrepareManifest manifest = PrepareJob.run(spark, settings, config);
      printSummary(manifest, settings.output(), (System.nanoTime() - start) / 1e9, out);
    } finally {
      spark.stop();
    }
  }

  static void printSummary(PrepareManifest manifest, String output, double seconds, PrintStream out) {
    out.printf(Locale.ROOT, "prepare: wrote %s in %.1f s%n", output, seconds);
    out.printf(Locale.ROOT, "  BPE: %d merges learned (%d requested); vocabularies: %d source, %d target%n",
        manifest.bpeMergesLearned(), manifest.bpeMergesRequested(), manifest.sourceVocabularySize(),
        manifest.targetVocabularySize());
    out.printf(Locale.ROOT, "  %-6s %10s %10s %10s %12s %12s%n", "split", "read", "kept", "dropped", "src subwords",
        "tgt subwords");
    for (Split split : Split.values()) {
      PrepareStatistics.SplitCounts c = manifest.statistics().get(split);
      out.printf(Locale.ROOT, "  %-6s %10d %10d %10d %12d %12d%n", split.label(), c.read(), c.kept(),
          c.read() - c.kept(), c.sourceTokens(), c.targetTokens());
    }
  }

  static String resourceText(String resource) throws IOException {
    try (InputStream in = JobCommands.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigurationException("expected the resource " + resource + " in the application jar, found none"
            + " (rebuild with 'mvn package')");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
