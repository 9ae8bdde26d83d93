package io.g2lstm.cli;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.Names;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.CheckpointAverage;
import io.g2lstm.model.compress.CompressedCheckpoint;
import io.g2lstm.model.compress.CompressionReport;
import io.g2lstm.model.compress.GateCompression;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.model.train.TrainSettings;
import io.g2lstm.model.train.Trainer;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.prep.corpus.Utf8LineReader;
import io.g2lstm.spark.ShardReader;
import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.train.SparkTrainer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/** The model commands: single-process training, translation and gate compression. */
final class ModelCommands {

  /** The methods each compression setting belongs to. */
  private static final Map<String, List<String>> COMPRESSION_OPTIONS = Map.of(
      "--step", List.of(GateCompression.Round.NAME, GateCompression.RoundClip.NAME),
      "--clip", List.of(GateCompression.RoundClip.NAME),
      "--rank", List.of(GateCompression.LowRank.NAME));

  private ModelCommands() {}

  /**
   * {@code train --conf FILE [--resume] [--run-id ID] [--master URL]} trains across Spark;
   * {@code train --local --conf FILE [--resume] [--run-id ID]} in this process, with the same run rules.
   */
  static void train(List<String> args) {
    CommandLine cli = new CommandLine("train").flag("--local").flag("--resume").option("--conf")
        .option(SettingOverrides.OPTION)
        .option("--run-id").option("--master").flag(JobCommands.CHECK).parse(args).atMostPositionals(0);
    SettingsReader config = JobCommands.settings(cli);
    Optional<String> runId = cli.value("--run-id").map(id -> Names.option("train", "--run-id", id));
    if (!cli.has("--local")) {
      JobSettings<SparkTrainer.Settings> job = JobSettings.read(config, SparkTrainer.Settings::from);
      if (cli.has(JobCommands.CHECK)) {
        JobCommands.printCheck("train", job, SparkTrainer.check(job, cli.has("--resume"), runId,
            SparkSessions.hadoopConfiguration()), System.out);
        return;
      }
      JobCommands.runTrain(job, cli.has("--resume"), runId, cli.value("--master"), System.out);
      return;
    }
    for (String sparkOnly : List.of("--master", JobCommands.CHECK)) {
      if (cli.has(sparkOnly)) {
        throw new ConfigurationException("'train --local': expected no " + sparkOnly + " (it belongs to training on "
            + "Spark), found " + sparkOnly);
      }
    }
    JobSettings<LocalTraining> job = JobSettings.read(config, LocalTraining::from);
    TrainSettings train = job.settings().train();
    Configuration hadoop = new Configuration();
    ParallelIds trainData = ShardReader.read(train.data(), Split.TRAIN, hadoop);
    ParallelIds validData = ShardReader.read(train.data(), Split.VALID, hadoop);
    if (trainData.size() == 0) {
      throw new DataException(train.data() + ": expected training pairs in the shards, found none");
    }
    new Trainer(job.settings().model(), train, Path.of(train.data()), job.resolved(), System.out)
        .run(trainData, validData, cli.has("--resume"), runId);
  }

  /** What {@code train --local} reads: the model and the {@code train} block, not the Spark trainer's settings. */
  private record LocalTraining(ModelSettings model, TrainSettings train) {

    static LocalTraining from(SettingsReader config) {
      return new LocalTraining(ModelSettings.from(config), TrainSettings.from(config));
    }
  }

  /** {@code translate --model CHECKPOINT [--beam K] [--length-penalty A] [--batch-size N]}. */
  static void translate(List<String> args, InputStream in, OutputStream out) throws IOException {
    CommandLine cli = new CommandLine("translate").option("--model").option("--beam").option("--length-penalty")
        .option("--batch-size").parse(args).atMostPositionals(0);
    Translator translator = Translator.fromCheckpoint(Checkpoint.open(Path.of(cli.required("--model"))),
        new BeamSearch(cli.intValue("--beam", 5, 1, 1000), lengthPenalty(cli), 2.0, 10),
        cli.intValue("--batch-size", 64, 1, 100_000));
    List<String> lines = Utf8LineReader.readAll(in, "standard input");
    try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      for (String line : translator.translate(lines)) {
        writer.write(line);
        writer.write('\n');
      }
    }
  }

  /**
   * {@code compress --model CHECKPOINT --method round|round-clip|svd [--step R] [--clip C] [--rank K] --output DIR}
   * compresses the input- and forget-gate weights of a checkpoint into a new checkpoint directory and prints one
   * summary line. Step and clip default to the paper's 0.5 and 1.0; svd needs a rank.
   */
  static void compress(List<String> args, PrintStream out) {
    CommandLine cli = new CommandLine("compress").option("--model").option("--method").option("--step")
        .option("--clip").option("--rank").option("--output").parse(args).atMostPositionals(0);
    GateCompression method = compression(cli);
    Path model = Path.of(cli.required("--model"));
    Path output = Path.of(cli.required("--output"));
    Checkpoint source = Checkpoint.open(model);
    StringBuilder options = new StringBuilder("'compress': --method ").append(method.name());
    method.settings().forEach((key, value) -> options.append(" --").append(key).append(' ').append(value));
    CompressionReport report = CompressedCheckpoint.write(source, method, output, "--output", options.toString());
    out.println("compress: " + report.summary() + "; wrote " + output);
  }

  /**
   * {@code average --model TRAIN_OUTPUT --last N --output DIR}: the mean of the last N epoch checkpoints as a new
   * checkpoint directory.
   */
  static void average(List<String> args, PrintStream out) {
    CommandLine cli = new CommandLine("average").option("--model").option("--last").option("--output").parse(args)
        .atMostPositionals(0);
    Path output = Path.of(cli.required("--output"));
    List<Path> averaged = CheckpointAverage.write(Path.of(cli.required("--model")), cli.intValue("--last", 5, 1,
        10_000), output, "--output");
    out.println("average: " + averaged.size() + " checkpoints (" + averaged.get(0).getFileName() + " to "
        + averaged.get(averaged.size() - 1).getFileName() + "); wrote " + output);
  }

  private static GateCompression compression(CommandLine cli) {
    String method = cli.required("--method");
    List<String> methods = List.of(GateCompression.Round.NAME, GateCompression.RoundClip.NAME,
        GateCompression.LowRank.NAME);
    if (!methods.contains(method)) {
      throw new ConfigurationException("'compress': option --method: expected one of " + String.join(", ", methods)
          + ", found '" + method + "'");
    }
    for (Map.Entry<String, List<String>> option : COMPRESSION_OPTIONS.entrySet()) {
      if (cli.has(option.getKey()) && !option.getValue().contains(method)) {
        throw new ConfigurationException("'compress': option " + option.getKey() + ": expected only with --method "
            + String.join(" or ", option.getValue()) + ", found it with --method " + method);
      }
    }
    return switch (method) {
      case GateCompression.Round.NAME -> new GateCompression.Round(positive(cli, "--step", 0.5));
      case GateCompression.RoundClip.NAME -> new GateCompression.RoundClip(positive(cli, "--step", 0.5),
          positive(cli, "--clip", 1.0));
      default -> {
        cli.required("--rank");
        // no larger than model.hidden-size can be
        yield new GateCompression.LowRank(cli.intValue("--rank", 1, 1, 65_536));
      }
    };
  }

  private static double positive(CommandLine cli, String option, double fallback) {
    if (!cli.has(option)) {
      return fallback;
    }
    String text = cli.value(option).orElseThrow();
    try {
      double value = Double.parseDouble(text);
      if (value > 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException("'compress': option " + option + ": expected a number > 0, found '" + text
        + "'");
  }

  private static double lengthPenalty(CommandLine cli) {
    String text = cli.value("--length-penalty").orElse("0");
    try {
      double alpha = Double.parseDouble(text);
      if (alpha >= 0 && alpha <= 10) {
        return alpha;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException("'translate': option --length-penalty: expected a number in [0, 10], found '"
        + text + "'");
  }
}
