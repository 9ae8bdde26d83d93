package io.g2lstm.cli;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.G2Exception;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code g2lstm <command> [options]}. The same class is the main class of the application jar, so
 * {@code spark-submit --class io.g2lstm.cli.Main g2lstm.jar prepare --conf x.conf} runs the same job as
 * {@code bin/g2lstm prepare --conf x.conf}.
 *
 * <p>Exit status: 0 on success, 2 for a usage or configuration error, 1 for bad data or any other failure; the error
 * is printed as one line on standard error.
 */
public final class Main {

  /** A subcommand: runs with its arguments, reading standard input and writing standard output. */
  interface Command {
    void run(List<String> args) throws Exception;
  }

  private static final String SPARK_JOBS = "Spark jobs (local[*] unless --master or spark-submit says otherwise)";

  private static final Map<String, Command> COMMANDS = Map.ofEntries(
      Map.entry("tokenize", args -> TextTools.tokenize(args, System.in, System.out)),
      Map.entry("detokenize", args -> TextTools.detokenize(args, System.in, System.out)),
      Map.entry("bpe", args -> TextTools.bpe(args, System.in, System.out)),
      Map.entry("prepare", JobCommands::prepare),
      Map.entry("train", ModelCommands::train),
      Map.entry("translate", args -> ModelCommands.translate(args, System.in, System.out)),
      Map.entry("compress", args -> ModelCommands.compress(args, System.out)),
      Map.entry("average", args -> ModelCommands.average(args, System.out)),
      Map.entry("bleu", args -> BleuCommand.run(args, System.in, System.out)),
      Map.entry("evaluate", JobCommands::evaluate),
      Map.entry("sweep", JobCommands::sweep),
      Map.entry("gates", JobCommands::gates),
      Map.entry("report", JobCommands::report),
      Map.entry("sql", args -> JobCommands.sql(args, System.out)),
      Map.entry("tables", args -> JobCommands.tables(args, System.out)),
      Map.entry("demo", JobCommands::demo),
      Map.entry("bench", BenchCommand::run));

  /** One form of a command: its synopsis and what it does, under a heading of the usage text. */
  private record Usage(String heading, String command, String synopsis, String description) {}

  private static final List<Usage> USAGES = List.of(
      new Usage("text tools (standard input to standard output)", "tokenize", "tokenize -l en|de [-a] [--no-escape]",
          "Moses tokenizer.perl"),
      new Usage("text tools (standard input to standard output)", "detokenize", "detokenize -l en|de",
          "Moses detokenizer.perl"),
      new Usage("text tools (standard input to standard output)", "bpe",
          "bpe learn -s N [--min-frequency F] [--total-symbols]", "subword-nmt learn_bpe (codes to standard output)"),
      new Usage("text tools (standard input to standard output)", "bpe",
          "bpe apply -c CODES [--vocabulary V --vocabulary-threshold T] [--glossaries G ...] [--separator S]",
          "subword-nmt apply_bpe"),
      new Usage("text tools (standard input to standard output)", "translate",
          "translate --model CHECKPOINT [--beam 5] [--length-penalty A] [--batch-size 64]",
          "raw source text to raw translations"),
      new Usage("text tools (standard input to standard output)", "bleu",
          "bleu [--tokenize 13a|intl|none] [--lowercase] [--smooth exp|floor|none] [--multi-bleu] REF... < HYP",
          "sacreBLEU-compatible corpus BLEU (or multi-bleu.perl)"),
      new Usage("models", "compress",
          "compress --model CHECKPOINT --method round|round-clip|svd [--step 0.5] [--clip 1.0] [--rank K] --output DIR",
          "compress the input- and forget-gate weights (round, round and clip, or rank-K SVD) into a new checkpoint "
              + "directory"),
      new Usage("models", "average", "average --model TRAIN_OUTPUT [--last 5] --output DIR",
          "the mean of the last epochs' checkpoints of a training run, as a new checkpoint directory (fairseq's "
              + "average_checkpoints)"),
      new Usage(SPARK_JOBS, "prepare", "prepare --conf FILE [--set K=V]... [--master URL] [--check]",
          "corpora to BPE, vocabularies and Parquet shards"),
      new Usage(SPARK_JOBS, "train",
          "train --conf FILE [--set K=V]... [--resume] [--run-id ID] [--master URL] [--check]",
          "parameter-averaging training across Spark executors (local[train.spark.workers] by default)"),
      new Usage(SPARK_JOBS, "train",
          "train --local --conf FILE [--set K=V]... [--resume]",
          "train in this process from prepared shards"),
      new Usage(SPARK_JOBS, "evaluate",
          "evaluate --model CHECKPOINT --conf FILE [--set K=V]... [--run-id ID] [--master URL] [--check]",
          "translate the test sets across the cluster; BLEU (sacreBLEU and tokenized) into bleu_scores, "
              + "translations"),
      new Usage(SPARK_JOBS, "sweep",
          "sweep --model CHECKPOINT --conf FILE [--set K=V]... [--run-id ID] [--master URL] [--check]",
          "BLEU and perplexity with the gate weights compressed by each method of sweep.grid, into "
              + "compression_results"),
      new Usage(SPARK_JOBS, "gates",
          "gates --model CHECKPOINT --conf FILE [--set K=V]... [--run-id ID] [--master URL] [--check]",
          "input and forget gate values of one layer on training pairs: gate_histograms, gate_token_means and SVG "
              + "pictures"),
      new Usage(SPARK_JOBS, "report",
          "report --run ID --conf FILE [--set K=V]... [--output DIR] [--master URL] [--check]",
          "the run's tables as an HTML page and a Markdown summary (in DIR/ID; DIR is report.output by default)"),
      new Usage(SPARK_JOBS, "sql", "sql --conf FILE [--set K=V]... [--master URL] QUERY",
          "a Spark SQL query over the result tables of results.warehouse (views named after them, with their "
              + "declared column types), printed as tab-separated text"),
      new Usage(SPARK_JOBS, "tables", "tables --conf FILE [--set K=V]... [--database NAME] [--master URL]",
          "creates the result tables in database NAME (g2lstm) of the session's catalog, with their declared "
              + "schemas and partitions (persistent with a Hive metastore)"),
      new Usage(SPARK_JOBS, "demo", "demo [--work DIR] [--master URL]",
          "the whole pipeline on the embedded synthetic corpus"),
      new Usage("benchmarks", "bench", "bench bpe|tokenize|prepare|layer|train|spark|eval|memory|all",
          "speed figures (medians of repeated runs)"),
      new Usage("benchmarks", "bench",
          "bench convergence --conf FILE [--set K=V]... [--epochs N] [--workers W] [--output DIR]",
          "trains the model from scratch with the Spark trainer: per epoch wall time, train loss and validation "
              + "perplexity, then the test BLEU of the best checkpoint"),
      new Usage("benchmarks", "bench",
          "bench scaling --conf FILE [--set K=V]... --target-perplexity P [--epochs N] [--output DIR]",
          "trains the model with 1 and with 2 Spark workers: each one's wall time to validation perplexity P, the "
              + "speed-up, and the test BLEU of each one's best checkpoint"));

  /** The usage text of every command, or of one; with the note on {@code --check} under the Spark jobs. */
  static String usage(Optional<String> command) {
    StringBuilder text = new StringBuilder(command.isEmpty() ? "usage: g2lstm <command> [options]\n"
        : "usage:\n");
    String heading = null;
    for (Usage usage : USAGES) {
      if (command.isPresent() && !usage.command().equals(command.get())) {
        continue;
      }
      if (command.isEmpty() && !usage.heading().equals(heading)) {
        heading = usage.heading();
        text.append('\n').append(heading).append(":\n");
      }
      text.append(command.isEmpty() ? "  " : "  g2lstm ").append(usage.synopsis()).append('\n');
      for (String line : wrap(usage.description(), 110)) {
        text.append("      ").append(line).append('\n');
      }
    }
    if (command.isEmpty() || List.of("prepare", "train", "evaluate", "sweep", "gates", "report")
        .contains(command.get())) {
      text.append("\n--check: check the command line, the settings, the inputs and the destinations, then stop "
          + "without running.\n");
    }
    if (command.isEmpty()) {
      text.append("'g2lstm <command> --help' prints one command's usage.\n");
    }
    return text.toString();
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private Main() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    // In YARN cluster mode this runs in the ApplicationMaster, which records success only when main returns: an exit
    // before that is reported as a failure (exit code 16) and the whole job is run again.
    if (status == 0 && inYarnApplicationMaster()) {
      return;
    }
    System.exit(status);
  }

  /** Whether this is the driver of a YARN cluster-mode application (the ApplicationMaster sets both properties). */
  static boolean inYarnApplicationMaster() {
    return "cluster".equals(System.getProperty("spark.submit.deployMode"))
        && System.getProperty("spark.master", "").startsWith("yarn");
  }

  /** Runs a command and returns the exit status; usage asked for goes to standard output. */
  static int run(String[] args, PrintStream err) {
    return run(args, System.out, err);
  }

  /**
   * Runs a command and returns the exit status. {@code --help} or {@code -h} anywhere after a command prints that
   * command's usage to {@code out} (status 0); {@code help [COMMAND]} and a bare {@code --help} print the whole usage
   * or one command's; no command at all prints the whole usage to {@code err} (status 2).
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(usage(Optional.empty()));
      return 2;
    }
    List<String> words = Arrays.asList(args);
    boolean helpCommand = List.of("help", "--help", "-h").contains(args[0]);
    if (helpCommand || words.contains("--help") || words.contains("-h")) {
      String named = helpCommand ? (args.length > 1 ? args[1] : null) : args[0];
      if (named == null || COMMANDS.containsKey(named)) {
        out.print(usage(Optional.ofNullable(named)));
        return 0;
      }
    }
    Command command = COMMANDS.get(args[0]);
    try {
      if (command == null) {
        String named = helpCommand ? args[1] : args[0];
        throw new ConfigurationException("expected a command (" + String.join(", ", COMMANDS.keySet().stream()
            .sorted().toList()) + "), found '" + named + "'; run 'g2lstm help' for usage");
      }
      command.run(Arrays.asList(args).subList(1, args.length));
      return 0;
    } catch (Exception e) {
      G2Exception known = findKnownCause(e);
      if (known != null) {
        err.println("g2lstm " + args[0] + ": error: " + known.getMessage());
        return known instanceof ConfigurationException ? 2 : 1;
      }
      err.println("g2lstm " + args[0] + ": failed: " + e);
      e.printStackTrace(err);
      return 1;
    }
  }

  /** Spark wraps executor failures; the message the user needs is that of the g2lstm error inside. */
  public static G2Exception findKnownCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof G2Exception known) {
        return known;
      }
    }
    return null;
  }
}
