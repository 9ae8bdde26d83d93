package io.g2lstm.cli;

import io.g2lstm.common.CommandLine;
import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.model.train.Checkpoint;
import io.g2lstm.model.train.TrainSettings;
import io.g2lstm.model.train.Trainer;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.spark.ShardReader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** The model commands: single-process training and translation. */
final class ModelCommands {

  private ModelCommands() {}

  /**
   * {@code train --conf FILE [--resume] [--run-id ID] [--master URL]} trains across Spark;
   * {@code train --local --conf FILE [--resume]} in this process.
   */
  static void train(List<String> args) {
    CommandLine cli = new CommandLine("train").flag("--local").flag("--resume").option("--conf")
        .option("--run-id").option("--master").parse(args).atMostPositionals(0);
    SettingsReader config = SettingsReader.load(Path.of(cli.required("--conf")));
    if (!cli.has("--local")) {
      JobCommands.runTrain(config, cli.has("--resume"), cli.value("--run-id"), cli.value("--master"), System.out);
      return;
    }
    if (cli.has("--run-id") || cli.has("--master")) {
      throw new ConfigurationException("'train --local': expected no --run-id or --master (they belong to training "
          + "on Spark), found " + (cli.has("--run-id") ? "--run-id" : "--master"));
    }
    ModelSettings model = ModelSettings.from(config);
    TrainSettings train = TrainSettings.from(config);
    config.rejectUnknownKeys();
    Configuration hadoop = new Configuration();
    ParallelIds trainData = ShardReader.read(train.data(), Split.TRAIN, hadoop);
    ParallelIds validData = ShardReader.read(train.data(), Split.VALID, hadoop);
    if (trainData.size() == 0) {
      throw new DataException(train.data() + ": expected training pairs in the shards, found none");
    }
    new Trainer(model, train, Path.of(train.data()), config.renderResolved(), System.out)
        .run(trainData, validData, cli.has("--resume"));
  }

  /** {@code translate --model CHECKPOINT [--beam K] [--length-penalty A] [--batch-size N]}. */
  static void translate(List<String> args, InputStream in, OutputStream out) throws IOException {
    CommandLine cli = new CommandLine("translate").option("--model").option("--beam").option("--length-penalty")
        .option("--batch-size").parse(args).atMostPositionals(0);
    Translator translator = Translator.fromCheckpoint(Checkpoint.open(Path.of(cli.required("--model"))),
        new BeamSearch(cli.intValue("--beam", 5, 1, 1000), lengthPenalty(cli), 2.0, 10),
        cli.intValue("--batch-size", 32, 1, 100_000));
    List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
    try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      for (String line : translator.translate(lines)) {
        writer.write(line);
        writer.write('\n');
      }
    }
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
