package io.g2lstm.cli;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.Names;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.common.fs.Scratch;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.prep.pipeline.PrepareSettings;
import io.g2lstm.prep.pipeline.PrepareStatistics;
import io.g2lstm.report.ReportWriter;
import io.g2lstm.spark.PrepareJob;
import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.TableCatalog;
import io.g2lstm.spark.eval.EvaluateJob;
import io.g2lstm.spark.eval.EvaluateSettings;
import io.g2lstm.spark.eval.SweepJob;
import io.g2lstm.spark.eval.SweepSettings;
import io.g2lstm.spark.gates.GatesJob;
import io.g2lstm.spark.gates.GatesSettings;
import io.g2lstm.spark.report.ReportJob;
import io.g2lstm.spark.train.SparkTrainSettings;
import io.g2lstm.spark.train.SparkTrainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;

/** The Spark job commands: parse the command line, load the settings, run the job, print a summary. */
final class JobCommands {

  /**
   * The flag of every Spark job that checks the command line, the settings, the inputs and the destinations as the
   * job would before its first task, then stops without running anything.
   */
  static final String CHECK = "--check";

  private JobCommands() {}

  static void prepare(List<String> args) {
    CommandLine cli = new CommandLine("prepare").option("--conf").option(SettingOverrides.OPTION)
        .option("--master").flag(CHECK).parse(args)
        .atMostPositionals(0);
    JobSettings<PrepareSettings> job = JobSettings.read(settings(cli), PrepareSettings::from);
    if (cli.has(CHECK)) {
      printCheck("prepare", job, PrepareJob.check(job.settings(), SparkSessions.hadoopConfiguration()), System.out);
      return;
    }
    runPrepare(job, cli.value("--master"), System.out);
  }

  /**
   * What {@value #CHECK} prints: that the command line and settings were accepted (the settings' digest, as every
   * result records it) and what the job's own checks of its inputs and destinations found.
   */
  static void printCheck(String command, JobSettings<?> job, List<String> found, PrintStream out) {
    out.println(command + " " + CHECK + ": ok, nothing was run");
    out.println("  settings: accepted (digest " + job.digest() + ")");
    found.forEach(line -> out.println("  " + line));
  }

  static void demo(List<String> args) throws IOException {
    CommandLine cli = new CommandLine("demo").option("--work").option("--master").parse(args).atMostPositionals(0);
    Path work = Path.of(cli.value("--work").orElse("work/demo")).toAbsolutePath().normalize();
    Demo.run(work, cli.value("--master"), Demo.Sizes.DEFAULT, System.out);
  }

  static void runPrepare(JobSettings<PrepareSettings> job, Optional<String> master, PrintStream out) {
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.open("prepare", master);
    try {
      PrepareManifest manifest = PrepareJob.run(spark, job);
      printSummary(manifest, job.settings().output(), (System.nanoTime() - start) / 1e9, out);
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

  /**
   * Trains on Spark. Run directly, the default master is {@code local[W]} for {@code train.spark.workers} = W, one
   * core per replica.
   */
  static SparkTrainer.Result runTrain(JobSettings<SparkTrainer.Settings> job, boolean resume,
      Optional<String> runId, Optional<String> master, PrintStream out) {
    SparkSession spark = SparkSessions.open("train", trainingMaster(job.settings().cluster(), master));
    try {
      return SparkTrainer.of(spark, job, out).run(resume, runId.map(id -> Names.option("train", "--run-id", id)));
    } finally {
      spark.stop();
    }
  }

  /** The master to train on: {@code master}, else spark-submit's, else {@code local[train.spark.workers]}. */
  static Optional<String> trainingMaster(SparkTrainSettings cluster, Optional<String> master) {
    return master.isPresent() || new SparkConf().contains("spark.master") ? master
        : Optional.of("local[" + cluster.workers() + "]");
  }

  /** {@code evaluate --model CHECKPOINT --conf FILE [--run-id ID] [--master URL]}. */
  static void evaluate(List<String> args) {
    modelJob("evaluate", args, EvaluateSettings::from, (spark, job, model, runId) ->
        EvaluateJob.run(spark, job, model, runId, System.out), (job, model, runId, hadoop) ->
        EvaluateJob.check(job, model, hadoop));
  }

  /** {@code sweep --model CHECKPOINT --conf FILE [--run-id ID] [--master URL]}. */
  static void sweep(List<String> args) {
    modelJob("sweep", args, SweepSettings::from, (spark, job, model, runId) ->
        SweepJob.run(spark, job, model, runId, System.out), (job, model, runId, hadoop) ->
        SweepJob.check(job, model, hadoop));
  }

  /** {@code gates --model CHECKPOINT --conf FILE [--run-id ID] [--master URL]}. */
  static void gates(List<String> args) {
    modelJob("gates", args, GatesSettings::from, (spark, job, model, runId) ->
        GatesJob.run(spark, job, model, runId, System.out), GatesJob::check);
  }

  /** {@code report --run ID --conf FILE [--output DIR] [--master URL]}. */
  static void report(List<String> args) {
    CommandLine cli = new CommandLine("report").option("--run").option("--conf")
        .option(SettingOverrides.OPTION).option("--output")
        .option("--master").flag(CHECK).parse(args).atMostPositionals(0);
    JobSettings<ReportSettings> job = JobSettings.read(settings(cli), ReportSettings::from);
    String warehouse = job.settings().warehouse();
    Path output = cli.value("--output").map(Path::of).orElse(job.settings().output());
    String runId = Names.option("report", "--run", cli.required("--run"));
    if (cli.has(CHECK)) {
      printCheck("report", job, ReportJob.check(warehouse, runId, output, cli.has("--output") ? "--output"
          : "report.output", SparkSessions.hadoopConfiguration()), System.out);
      return;
    }
    SparkSession spark = SparkSessions.open("report", Optional.of(cli.value("--master").orElse("local[1]")));
    try {
      Path directory = ReportJob.run(spark, warehouse, runId, output, cli.has("--output") ? "--output"
          : "report.output");
      System.out.println("report: " + directory.resolve(ReportWriter.HTML).toAbsolutePath());
    } finally {
      spark.stop();
    }
  }

  /**
   * {@code sql --conf FILE [--set K=V]... [--master URL] QUERY}: the query over the result tables of
   * {@code results.warehouse} (each a view of its name, with its declared column types), printed as tab-separated
   * text with a header line (tabs, newlines and backslashes in values escaped as {@code \t}, {@code \n} and
   * {@code \\}; null as {@code \N}).
   */
  static void sql(List<String> args, PrintStream out) {
    CommandLine cli = new CommandLine("sql").option("--conf").option(SettingOverrides.OPTION).option("--master")
        .parse(args);
    if (cli.positionals().size() != 1) {
      throw new ConfigurationException("'sql': expected one query (quote it), found " + cli.positionals().size()
          + " words");
    }
    String warehouse = JobSettings.read(settings(cli), Warehouse::from).settings().location();
    SparkSession spark = SparkSessions.open("sql", Optional.of(cli.value("--master").orElse("local[1]")));
    try {
      List<String> tables = TableCatalog.registerViews(spark, warehouse);
      Dataset<Row> rows;
      try {
        rows = spark.sql(cli.positionals().get(0));
      } catch (Exception e) {
        // Spark declares no exceptions: its AnalysisException (parse errors included) reaches here unchecked.
        if (!(e instanceof AnalysisException)) {
          throw e;
        }
        throw new ConfigurationException("'sql': " + e.getMessage().lines().findFirst().orElse("") + " (tables: "
            + String.join(", ", tables) + ")", e);
      }
      out.println(String.join("\t", rows.columns()));
      for (Row row : rows.collectAsList()) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
          cells.add(row.isNullAt(i) ? "\\N" : tsv(row.schema().fields()[i].dataType() instanceof ArrayType
              ? row.getList(i).toString() : row.get(i).toString()));
        }
        out.println(String.join("\t", cells));
      }
    } finally {
      spark.stop();
    }
  }

  private static String tsv(String value) {
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }

  /**
   * {@code tables --conf FILE [--set K=V]... [--database NAME] [--master URL]}: creates the result tables of
   * {@code results.warehouse} in the database {@code NAME} (default {@code g2lstm}) of the session's catalog, with
   * their declared schemas and partitions, and prints the statements it ran.
   */
  static void tables(List<String> args, PrintStream out) {
    CommandLine cli = new CommandLine("tables").option("--conf").option(SettingOverrides.OPTION)
        .option("--database").option("--master").parse(args).atMostPositionals(0);
    String warehouse = JobSettings.read(settings(cli), Warehouse::from).settings().location();
    String database = Names.option("tables", "--database", cli.value("--database").orElse("g2lstm"));
    SparkSession spark = SparkSessions.open("tables", Optional.of(cli.value("--master").orElse("local[1]")));
    try {
      for (String statement : TableCatalog.createTables(spark, warehouse, database)) {
        out.println(statement + ";");
      }
    } finally {
      spark.stop();
    }
  }

  /** The settings of {@code sql} and {@code tables}: the warehouse. */
  private record Warehouse(String location) {

    static Warehouse from(SettingsReader config) {
      return new Warehouse(config.section("results").nonBlankString("warehouse"));
    }
  }

  /** The settings of {@code report}: the warehouse it reads and the directory it writes by default. */
  record ReportSettings(String warehouse, Path output) {

    static ReportSettings from(SettingsReader config) {
      return new ReportSettings(config.section("results").nonBlankString("warehouse"),
          Path.of(config.section("report").nonBlankString("output")));
    }
  }

  /** A Spark job over one checkpoint, with its settings. */
  private interface ModelJob<S> {
    void run(SparkSession spark, JobSettings<S> job, String model, Optional<String> runId);
  }

  /** The checks of a {@link ModelJob}, without a Spark session: what they found, a line each. */
  private interface ModelCheck<S> {
    List<String> check(JobSettings<S> job, String model, Optional<String> runId, Configuration hadoop);
  }

  /**
   * Parses {@code --model CHECKPOINT --conf FILE [--run-id ID] [--master URL]}, reads and checks the settings, and
   * only then runs the job in a Spark session.
   */
  private static <S> void modelJob(String command, List<String> args, Function<SettingsReader, S> settingsOf,
      ModelJob<S> job, ModelCheck<S> check) {
    CommandLine cli = new CommandLine(command).option("--model").option("--conf")
        .option(SettingOverrides.OPTION).option("--run-id")
        .option("--master").flag(CHECK).parse(args).atMostPositionals(0);
    JobSettings<S> settings = JobSettings.read(settings(cli), settingsOf);
    String model = cli.required("--model");
    Optional<String> runId = cli.value("--run-id").map(id -> Names.option(command, "--run-id", id));
    if (cli.has(CHECK)) {
      printCheck(command, settings, check.check(settings, model, runId, SparkSessions.hadoopConfiguration()),
          System.out);
      return;
    }
    SparkSession spark = SparkSessions.open(command, cli.value("--master"));
    try {
      job.run(spark, settings, model, runId);
    } finally {
      spark.stop();
    }
  }

  /**
   * The settings of {@code --conf} with the {@code --set} overrides over them, and the scratch directory they name
   * put to use before any work makes a copy.
   */
  static SettingsReader settings(CommandLine cli) {
    SettingsReader config = SettingsReader.load(Path.of(cli.required("--conf")), SettingOverrides.of(cli));
    Scratch.use(config.section("scratch").string("directory"));
    return config;
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
