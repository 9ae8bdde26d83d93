package io.g2lstm.cli;

import io.g2lstm.bench.BpeBenchmark;
import io.g2lstm.bench.ChildJvm;
import io.g2lstm.bench.ConvergenceBenchmark;
import io.g2lstm.bench.EvaluationBenchmark;
import io.g2lstm.bench.G2LstmBenchmark;
import io.g2lstm.bench.Measurement;
import io.g2lstm.bench.MemoryBenchmark;
import io.g2lstm.bench.PythonPeers;
import io.g2lstm.bench.SgemmCeiling;
import io.g2lstm.bench.SparkTrainingBenchmark;
import io.g2lstm.bench.TrainingBenchmark;
import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.Directories;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.common.SharedDir;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.common.fs.OutputOwner;
import io.g2lstm.common.fs.Scratch;
import io.g2lstm.model.DecoderKind;
import io.g2lstm.model.GateSettings;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.model.train.TrainSettings;
import io.g2lstm.prep.pipeline.PrepareSettings;
import io.g2lstm.prep.tokenize.MosesTokenizer;
import io.g2lstm.spark.PrepareJob;
import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.cluster.StandaloneCluster;
import io.g2lstm.spark.train.AveragingStatistics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code bench bpe|tokenize|prepare|layer|train|spark|eval|all}: speed figures on the shared reference data (and the
 * synthetic corpus), each the median of several timed runs after warm-up runs ({@link Measurement}). Reference tools
 * are timed in the same run, or not quoted; ratios are taken between figures of the same run.
 */
final class BenchCommand {

  private BenchCommand() {}

  static void run(List<String> args) throws IOException {
    CommandLine cli = new CommandLine("bench").option("--runs").option("--averaging-frequency").option("--batches")
        .option("--conf").option(SettingOverrides.OPTION).option("--epochs").option("--workers").option("--output")
        .option("--target-perplexity").parse(args).atMostPositionals(1);
    String what = cli.positionals().isEmpty() ? "all" : cli.positionals().get(0);
    if (what.equals("convergence")) {
      convergence(cli, System.out);
      return;
    }
    if (what.equals("scaling")) {
      scaling(cli, System.out);
      return;
    }
    for (String option : List.of("--conf", SettingOverrides.OPTION, "--epochs", "--workers", "--output",
        "--target-perplexity")) {
      if (cli.has(option)) {
        throw new ConfigurationException("bench " + what + ": expected no " + option + " (it belongs to bench "
            + "convergence and bench scaling), found one");
      }
    }
    int runs = cli.intValue("--runs", 5, 1, 1000);
    if (!what.equals("spark") && !what.equals("all")) {
      for (String option : List.of("--averaging-frequency", "--batches")) {
        if (cli.has(option)) {
          throw new ConfigurationException("bench " + what + ": expected no " + option + " (it belongs to bench "
              + "spark), found one");
        }
      }
    }
    // Averaging every 20 minibatches keeps the per-round cost (about a second here, see README) under a tenth.
    int averagingFrequency = cli.intValue("--averaging-frequency", 20, 1, 1000);
    int batches = cli.intValue("--batches", 80, 2, 100_000);
    PrintStream out = System.out;
    switch (what) {
      case "bpe" -> bpe(shared(), runs, out);
      case "tokenize" -> tokenize(shared(), runs, out);
      case "prepare" -> prepare(shared(), Math.min(runs, 3), out);
      case "layer" -> layer(runs, out);
      case "train" -> train(runs, out);
      case "spark" -> spark(shared(), Math.min(runs, 3), averagingFrequency, batches, out);
      case "eval" -> eval(Math.min(runs, 3), out);
      case "memory" -> memory(shared(), out);
      case "all" -> {
        Path shared = shared();
        bpe(shared, runs, out);
        tokenize(shared, runs, out);
        prepare(shared, Math.min(runs, 3), out);
        layer(runs, out);
        train(runs, out);
        spark(shared, Math.min(runs, 3), averagingFrequency, batches, out);
        eval(Math.min(runs, 3), out);
        memory(shared, out);
      }
      default -> throw new ConfigurationException("bench: expected one of bpe, tokenize, prepare, layer, train, spark,"
          + " eval, memory, convergence, all, found '" + what + "'");
    }
  }

  /**
   * {@code bench convergence --conf FILE [--epochs N] [--workers W] [--output DIR]}: trains the configuration's
   * model from scratch into DIR (new or empty; by default {@code <paths.work>/bench/convergence/<model>-<time>}),
   * with its own warehouse, and prints the per-epoch table and the test BLEU of the best checkpoint.
   */
  private static void convergence(CommandLine cli, PrintStream out) {
    if (cli.has("--target-perplexity")) {
      throw new ConfigurationException("bench convergence: expected no --target-perplexity (it belongs to bench "
          + "scaling), found one");
    }
    Path conf = Path.of(cli.required("--conf"));
    Map<String, Object> overrides = new HashMap<>(SettingOverrides.of(cli));
    cli.value("--epochs").ifPresent(unused -> overrides.put("train.epochs", cli.intValue("--epochs", 1, 1, 100_000)));
    cli.value("--workers").ifPresent(unused -> overrides.put("train.spark.workers",
        cli.intValue("--workers", 1, 1, 4096)));
    SettingsReader plain = SettingsReader.load(conf, overrides);
    String runId = benchRunId("convergence", plain);
    Path output = benchOutput(cli, "convergence", plain, runId);
    ConvergenceBenchmark.Result result = trainAndScore(conf, overrides, output, runId, Optional.empty(), out);
    out.printf(Locale.ROOT, "bench convergence: %s on %s%n", conf, machine());
    result.lines().forEach(out::println);
    out.println("  output: " + output);
  }

  /**
   * {@code bench scaling --conf FILE --target-perplexity P [--epochs N] [--output DIR]}: trains the configuration's
   * model from scratch with 1 and with 2 workers (executors of one core each, in JVMs of their own on a standalone
   * cluster of this machine; the driver in this JVM), into {@code DIR/workers-1} and
   * {@code DIR/workers-2}, prints each run's table and then each one's wall time to validation perplexity P, the
   * speed-up and the test BLEU of each run's best checkpoint.
   */
  private static void scaling(CommandLine cli, PrintStream out) throws IOException {
    if (cli.has("--workers")) {
      throw new ConfigurationException("bench scaling: expected no --workers (it trains with 1 and 2), found one");
    }
    Path conf = Path.of(cli.required("--conf"));
    double target = cli.doubleValue("--target-perplexity", 1, 1e9);
    Map<String, Object> overrides = new HashMap<>(SettingOverrides.of(cli));
    SettingsReader plain = SettingsReader.load(conf, overrides);
    String runId = benchRunId("scaling", plain);
    Path output = benchOutput(cli, "scaling", plain, runId);
    cli.value("--epochs").ifPresent(unused -> overrides.put("train.epochs", cli.intValue("--epochs", 1, 1, 100_000)));
    List<ConvergenceBenchmark.Result> results = new ArrayList<>();
    try (StandaloneCluster cluster = StandaloneCluster.startFromThisJvm(2)) {
      for (int workers = 1; workers <= 2; workers++) {
        overrides.put("train.spark.workers", workers);
        ConvergenceBenchmark.Result result = trainAndScore(conf, overrides, output.resolve("workers-" + workers),
            runId + "-workers-" + workers, Optional.of(cluster.applicationSettings(workers)), out);
        result.lines().forEach(out::println);
        results.add(result);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the standalone cluster ran", e);
    }
    out.printf(Locale.ROOT, "bench scaling: %s to validation perplexity %.2f on %s; the driver in this JVM, each "
        + "worker's replica in an executor JVM of its own (a standalone cluster of 2 one-core workers)%n", conf,
        target, machine());
    ConvergenceBenchmark.scalingLines(target, results).forEach(out::println);
    out.println("  output: " + output);
  }

  private static String benchRunId(String benchmark, SettingsReader config) {
    ModelSettings model = ModelSettings.from(config);
    return benchmark + "-" + model.name() + "-" + SettingsReader.settingName(model.gate().mode()) + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
  }

  /** {@code --output}, or {@code <paths.work>/bench/<benchmark>/<run id>}: new or empty. */
  private static Path benchOutput(CommandLine cli, String benchmark, SettingsReader config, String runId) {
    Path output = cli.value("--output").map(Path::of).orElseGet(() -> Path.of(
        config.section("paths").nonBlankString("work"), "bench", benchmark, runId));
    OutputOwner.newOrEmpty("bench " + benchmark).requireReplaceable(LocalFileStore.INSTANCE, output.toString(),
        "--output");
    return output;
  }

  /**
   * Trains {@code conf} with {@code overrides} from scratch into {@code output} and scores its best checkpoint, in a
   * local session of {@code train.spark.workers} cores or, given {@code cluster}'s settings, on a cluster.
   */
  private static ConvergenceBenchmark.Result trainAndScore(Path conf, Map<String, Object> overrides, Path output,
      String runId, Optional<Map<String, String>> cluster, PrintStream out) {
    Map<String, Object> all = new HashMap<>(overrides);
    all.put("train.output", output.resolve("train").toString());
    all.put("results.warehouse", output.resolve("warehouse").toString());
    SettingsReader config = SettingsReader.load(conf, all);
    Scratch.use(config.section("scratch").string("directory"));
    JobSettings<ConvergenceBenchmark.Settings> job = JobSettings.read(config, ConvergenceBenchmark.Settings::from);
    SparkSession spark = cluster.isPresent() ? SparkSessions.open("bench-" + runId, Optional.empty(), cluster.get())
        : SparkSessions.open("bench-" + runId, JobCommands.trainingMaster(job.settings().training().cluster(),
            Optional.empty()));
    try {
      return ConvergenceBenchmark.run(spark, job, runId, out);
    } finally {
      spark.stop();
    }
  }

  /** The CPU and its cores, as the tables in README.md name the machine. */
  private static String machine() {
    String cpu = "an unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
    } catch (IOException e) {
      // Not Linux: the core count alone.
    }
    return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores";
  }

  private static Path shared() {
    return SharedDir.find().orElseThrow(() -> new ConfigurationException(
        "bench: expected the shared reference data, found none: " + SharedDir.describeSearch()));
  }

  private static void bpe(Path shared, int runs, PrintStream out) throws IOException {
    Path fixtures = shared.resolve("fixtures/bpe");
    List<String> lines = new ArrayList<>(Files.readAllLines(fixtures.resolve("multi30k.train.tok.de")));
    lines.addAll(Files.readAllLines(fixtures.resolve("multi30k.train.tok.en")));
    BpeBenchmark.Result result = BpeBenchmark.run(lines, 8000, 2, runs);
    out.printf(Locale.ROOT, "bpe learn -s 8000 (multi30k train de+en, %d lines, word counting included): median "
        + "%.3f s%n", lines.size(), result.learnSeconds());
    Optional<String> python = PythonPeers.pythonWith("subword_nmt");
    if (python.isPresent()) {
      Path text = Scratch.newDirectory("bench-bpe-").resolve("train.tok.de-en");
      Files.write(text, lines);
      double peer = Measurement.run(0, runs, figures -> figures.put("learn",
          PythonPeers.subwordNmtLearnSeconds(python.get(), text, 8000))).median("learn");
      out.printf(Locale.ROOT, "  subword-nmt learn_bpe -s 8000, same text, same run: median %.1f s -> %.1fx%n",
          peer, peer / result.learnSeconds());
    } else {
      out.println("  subword-nmt: no python3 with the subword_nmt package here, so no comparison");
    }
    out.printf(Locale.ROOT, "bpe apply (same text, one thread, fresh word cache each run): median %,.0f lines/s%n",
        result.applyLinesPerSecond());
  }

  private static void tokenize(Path shared, int runs, PrintStream out) throws IOException {
    for (String language : List.of("en", "de")) {
      List<String> lines = new ArrayList<>();
      for (String file : List.of("multi30k.val.", "newstest2014.first300.")) {
        lines.addAll(Files.readAllLines(shared.resolve("fixtures/tokenizer/" + file + language)));
      }
      MosesTokenizer tokenizer = MosesTokenizer.forLanguage(language).withAggressiveHyphenSplit(true);
      double rate = Measurement.run(2, runs, figures -> figures.put("lines/s", 10 * lines.size()
          / Measurement.seconds(() -> {
            for (int repeat = 0; repeat < 10; repeat++) {
              lines.forEach(tokenizer::tokenize);
            }
          }))).median("lines/s");
      out.printf(Locale.ROOT, "tokenize -l %s -a (multi30k val + newstest2014, %d lines x 10): median %,.0f lines/s%n",
          language, lines.size(), rate);
    }
  }

  private static void prepare(Path shared, int runs, PrintStream out) throws IOException {
    Path work = Scratch.newDirectory("bench-prepare-");
    JobSettings<PrepareSettings> job = JobSettings.read(multi30k(shared, work), PrepareSettings::from);
    SparkSession spark = SparkSessions.open("bench-prepare", Optional.of("local[2]"));
    try {
      Measurement.Summary runsOf = Measurement.run(0, runs + 1, figures -> figures.time("wall",
          () -> PrepareJob.run(spark, job)));
      double cold = runsOf.rounds().get(0).get("wall");
      double warm = new Measurement.Summary(runsOf.rounds().subList(1, runs + 1)).median("wall");
      out.printf(Locale.ROOT, "prepare multi30k (29,000 + 1,014 + 1,000 pairs, local[2]): first run %.1f s, then "
          + "median %.1f s wall (Spark session already up)%n", cold, warm);
    } finally {
      spark.stop();
      Directories.deleteTree(work);
    }
  }

  /** {@code conf/multi30k.conf} reading the shared data and writing under {@code work}. */
  private static SettingsReader multi30k(Path shared, Path work) throws IOException {
    return SettingsReader.parse(JobCommands.resourceText("g2lstm/conf/multi30k.conf"), "multi30k.conf",
        Map.of("paths.shared", shared.toString(), "paths.work", work.toString(), "prepare.partitions", 2));
  }

  /**
   * The paper's IWSLT14 model trained by parameter averaging on the Multi30k shards, with 1 and with 2 workers in
   * local mode (one core each): throughput, scaling efficiency and where the time went.
   */
  private static void spark(Path shared, int runs, int averagingFrequency, int batches, PrintStream out)
      throws IOException {
    Path work = Scratch.newDirectory("bench-spark-");
    try {
      JobSettings<PrepareSettings> data = JobSettings.read(multi30k(shared, work), PrepareSettings::from);
      PrepareSettings prepare = data.settings();
      SparkSession spark = SparkSessions.open("bench-spark-prepare", Optional.of("local[2]"));
      try {
        PrepareJob.run(spark, data);
      } finally {
        spark.stop();
      }
      String configuration = JobCommands.resourceText("g2lstm/conf/iwslt14-de-en.conf");
      Map<String, Object> overrides = Map.of("paths.shared", shared.toString(), "paths.work", work.toString(),
          "train.data", prepare.output());
      int batchSize = TrainSettings.from(SettingsReader.parse(configuration, "iwslt14-de-en.conf", overrides))
          .batchSize();
      List<SparkTrainingBenchmark.Result> results = new ArrayList<>();
      for (int workers = 1; workers <= 2; workers++) {
        SparkTrainingBenchmark.Result r = SparkTrainingBenchmark.run(configuration, "iwslt14-de-en.conf", overrides,
            workers, averagingFrequency, batches, 1, runs);
        results.add(r);
        AveragingStatistics s = r.statistics();
        out.printf(Locale.ROOT, "spark train iwslt14-de-en on multi30k, %d worker(s) in local[%d], %d minibatches of "
            + "%d, averaging every %d: median %,.0f target tokens/s; fitting %.1f%%, broadcast %.1f%%, aggregation "
            + "and scheduling %.1f%%, export %.1f%% of %.1f s%n", workers, workers, batches, batchSize,
            averagingFrequency, r.tokensPerSecond(), s.share(s.fitting()), s.share(s.broadcast()),
            s.share(s.aggregation()), s.share(s.export()), s.wall() / 1000);
      }
      double local = SparkTrainingBenchmark.local(configuration, "iwslt14-de-en.conf", overrides, batches, 1, runs);
      out.printf(Locale.ROOT, "  train --local on the same data, %d minibatches: median %,.0f target tokens/s (its "
          + "fitting alone); 1 Spark worker at %.1f%% of it (target at least 97%%)%n", batches, local,
          100 * results.get(0).tokensPerSecond() / local);
      out.printf(Locale.ROOT, "  scaling efficiency from 1 to 2 workers: %.0f%% (target 90%%); averaging overhead "
          + "(broadcast, aggregation, scheduling) with 2 workers: %.1f%% of the rounds' time (target under 10%%)%n",
          100 * results.get(1).scalingEfficiency(results.get(0)),
          100 * results.get(1).statistics().averagingOverhead());
    } finally {
      Directories.deleteTree(work);
    }
  }

  /**
   * Evaluation of the demo's tiny model (trained on the synthetic corpus): beam-5 translation of its
   * test split with 1 and 2 cores in local mode (local[1] and local[2], one task per core), and the sweep of the
   * default grid.
   */
  private static void eval(int runs, PrintStream out) throws IOException {
    Path work = Scratch.newDirectory("bench-eval-");
    try {
      EvaluationBenchmark.Result r = EvaluationBenchmark.run(JobCommands.resourceText(Demo.CONFIGURATION), work,
          runs);
      out.printf(Locale.ROOT, "evaluate demo-tiny (%d epochs, sacreBLEU %.1f), %d test sentences, beam %d: median "
          + "%.1f sentences/s in local[1], %.1f sentences/s in local[2] (%.2fx)%n", EvaluationBenchmark.EPOCHS,
          r.bleu(), r.sentences(),
          r.beam(), r.oneCore(), r.twoCores(), r.twoCores() / r.oneCore());
      out.printf(Locale.ROOT, "  sweep of the default grid (%d settings x %d sentences, and validation perplexity) "
          + "in local[2]: median %.1f s%n", r.cells(), r.sentences(), r.sweepSeconds());
    } finally {
      Directories.deleteTree(work);
    }
  }

  /** Peak resident memory of the demo and of Multi30k-sized jobs, each in a JVM of its own. */
  private static void memory(Path shared, PrintStream out) throws IOException {
    Path work = Scratch.newDirectory("bench-memory-");
    try {
      ChildJvm jvm = ChildJvm.likeThisOne(Main.class.getName());
      out.printf(Locale.ROOT, "memory (each job in its own JVM with this one's limits: %s)%n",
          String.join(" ", jvm.jvmOptions()));
      for (MemoryBenchmark.Job job : MemoryBenchmark.run(jvm, JobCommands.resourceText("g2lstm/conf/multi30k.conf"),
          shared, work, 200)) {
        out.printf(Locale.ROOT, "  %-58s peak resident %,6d MiB, %6.1f s%n", job.name(), job.peakResidentMib(),
            job.seconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Directories.deleteTree(work);
    }
  }

  /** One G²-LSTM layer alone (64 sequences of 30 steps, 256 to 256, float) in every gate mode, in training mode. */
  private static void layer(int runs, PrintStream out) {
    for (GateMode mode : GateMode.values()) {
      G2LstmBenchmark.Result r = G2LstmBenchmark.run(64, 30, 256, 256, mode, DataType.FLOAT, 3, runs);
      out.printf(Locale.ROOT, "G2-LSTM layer, %s gates (batch 64, 30 steps, 256 to 256): forward %.1f ms, "
          + "forward and backward %.1f ms (medians)%n", SettingsReader.settingName(mode), r.forwardMillis(),
          r.forwardBackwardMillis());
    }
  }

  /**
   * The paper's IWSLT14 model (2 layers, 256) with its 25K vocabulary, minibatches of 64 random pairs of 24
   * subwords a side; decoding runs up to the source length, so every sentence costs the same.
   */
  private static void train(int runs, PrintStream out) throws IOException {
    SettingsReader config = SettingsReader.parse(JobCommands.resourceText("g2lstm/conf/iwslt14-de-en.conf"),
        "iwslt14-de-en.conf");
    ModelSettings paper = ModelSettings.from(config);
    int vocabulary = 25_000;
    int hidden = paper.hiddenSize();
    Optional<String> python = PythonPeers.pythonWith("torch");
    Path peer = SharedDir.resolve("peers/torch_nmt_bench.py").orElse(null);
    for (GateMode mode : List.of(GateMode.BASELINE, GateMode.G2)) {
      GateSettings gates = new GateSettings(mode, mode.defaultTemperature(), paper.gate().noiseProbability(),
          paper.gate().epsilon());
      // The peer's architecture: attention after the decoder layers.
      ModelSettings model = new ModelSettings(paper.name(), paper.embeddingSize(), hidden, paper.layers(),
          paper.dropout(), DecoderKind.ATTENTION_AFTER, gates, paper.seed());
      TrainingBenchmark.Result r = TrainingBenchmark.run(model, vocabulary, 64, 24, 24, 2, runs);
      out.printf(Locale.ROOT, "train %s (%d layers, embedding %d, hidden %d, %s gates, vocabulary %,d; batch 64 of "
          + "24+24 subwords, one thread, attention-after decoder): median step %.3f s, %,.0f target tokens/s, "
          + "%.1f GFLOP/s%n", model.name(), model.layers(), model.embeddingSize(), hidden,
          SettingsReader.settingName(mode), vocabulary, r.stepSeconds(), r.targetTokensPerSecond(), r.modelGflops());
      TrainingBenchmark.Result feeding = TrainingBenchmark.run(new ModelSettings(paper.name(), paper.embeddingSize(),
          hidden, paper.layers(), paper.dropout(), DecoderKind.INPUT_FEEDING, gates, paper.seed()), vocabulary, 64,
          24, 24, 2, runs);
      out.printf(Locale.ROOT, "  input-feeding decoder, same run: median step %.3f s, %,.0f target tokens/s "
          + "(%.2fx attention-after)%n", feeding.stepSeconds(), feeding.targetTokensPerSecond(),
          feeding.targetTokensPerSecond() / r.targetTokensPerSecond());
      if (python.isPresent() && peer != null) {
        String peerMode = mode == GateMode.BASELINE ? "baseline" : "g2";
        PythonPeers.TorchResult torch = PythonPeers.torch(python.get(), peer, peerMode, 1);
        out.printf(Locale.ROOT, "  PyTorch peer (%s, --mode %s --threads 1), same run: step %.3f s, %,.0f target "
            + "tokens/s -> g2lstm %.2fx the peer%n", python.get(), peerMode, torch.stepSeconds(),
            torch.tokensPerSecond(), r.targetTokensPerSecond() / torch.tokensPerSecond());
      } else {
        out.println("  PyTorch peer: not measured (" + (peer == null ? "no shared folder" : "no python3 with torch: "
            + "apt-get install python3-torch libopenblas0-pthread") + ")");
      }
      double ceiling = SgemmCeiling.gflops(64 * 25, hidden, vocabulary, runs);
      out.printf(Locale.ROOT, "  ceiling: OpenBLAS sgemm of the output layer's shape (1600x%d by %dx%,d), called "
          + "directly, one thread: %.1f GFLOP/s -> the model runs at %.0f%% of it%n", hidden, hidden, vocabulary,
          ceiling, 100 * r.modelGflops() / ceiling);
      if (mode == GateMode.G2) {
        out.printf(Locale.ROOT, "  decoding, untrained (32 sentences of 24 subwords, up to 24 steps): greedy %.1f "
            + "sentences/s, beam 5 %.1f sentences/s%n", r.greedySentencesPerSecond(), r.beamSentencesPerSecond());
      }
    }
  }
}
