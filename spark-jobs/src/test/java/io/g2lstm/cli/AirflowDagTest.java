package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.ValidationHistory;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.model.train.TrainSettings;
import io.g2lstm.model.train.Trainer;
import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.EvaluatedModel;
import io.g2lstm.spark.ResultTables;
import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.train.SparkTrainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAG {@code deploy/airflow/g2lstm_study.py}, loaded by {@code python3} with stand-ins for Airflow
 * ({@code airflow/render_dag.py}) and rendered for one run: its tasks and edges are the study's, and every command line
 * in it is accepted by the jobs' own {@code --check}, in the DAG's order, with the inputs each upstream task makes
 * (the real {@code prepare}; untrained checkpoints where {@code train} would write them; one result row).
 */
class AirflowDagTest {

  private static final String RUN_ID = "manual__2026-12-04T20:00:00+00:00";
  private static final String RUN_DIRECTORY = "manual__2026-12-04T20_00_00_00_00";
  private static final List<String> MODES = List.of("baseline", "sharpened", "g2");

  @TempDir
  static Path dir;
  private static Map<String, JsonNode> tasks;
  private static Path conf;

  /** Renders the DAG with the study's root, configuration and local directories in the temporary directory. */
  @BeforeAll
  static void renderDag() throws IOException, InterruptedException {
    assumeTrue(hasPython(), "python3 is not on the PATH: the Airflow DAG is not checked");
    new SyntheticCorpus(11).writeSplits(dir.resolve("corpus"), 300, 30, 30);
    conf = dir.resolve("study.conf");
    Files.writeString(conf, JobCommands.resourceText(Demo.CONFIGURATION) + "\npaths.work = \"" + dir + "\"\n"
        + "train.epochs = 3\n");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("jar", "/opt/g2lstm/g2lstm.jar");
    params.put("conf", conf.toString());
    params.put("root", dir.resolve("root").toUri().toString().replaceAll("/$", ""));
    params.put("images_dir", dir.resolve("images").toString());
    params.put("report_dir", dir.resolve("reports").toString());
    Path script = dir.resolve("render_dag.py");
    Files.writeString(script, JobCommands.resourceText("airflow/render_dag.py"));
    Process python = new ProcessBuilder("python3", script.toString(), dagFile().toString(), RUN_ID,
        new ObjectMapper().writeValueAsString(params)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] json = python.getInputStream().readAllBytes();
    assertTrue(python.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, python.exitValue(), "render_dag.py failed: " + new String(json, StandardCharsets.UTF_8));
    JsonNode dag = new ObjectMapper().readTree(json);
    assertEquals("g2lstm_study", dag.get("dag_id").asText());
    assertTrue(dag.get("retries").asInt() > 0, "a failed task is retried, and continues");
    tasks = new LinkedHashMap<>();
    dag.get("tasks").forEach(task -> tasks.put(task.get("task_id").asText(), task));
  }

  private static boolean hasPython() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static Path dagFile() {
    // Tests run in the module directory; the DAG is the project's.
    return Path.of("..", "deploy", "airflow", "g2lstm_study.py").toAbsolutePath().normalize();
  }

  @Test
  void theStudyIsPrepareThenThreeTrainingsThenTheirEvaluationsThenTheReport() {
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    expected.put("prepare", Set.of());
    Set<String> beforeReport = new TreeSet<>();
    for (String mode : MODES) {
      expected.put("train_" + mode, Set.of("prepare"));
      for (String job : List.of("evaluate", "sweep", "gates")) {
        expected.put(job + "_" + mode, Set.of("train_" + mode));
        beforeReport.add(job + "_" + mode);
      }
    }
    expected.put("report", beforeReport);
    Map<String, Set<String>> found = new LinkedHashMap<>();
    tasks.forEach((id, task) -> found.put(id, new TreeSet<>(strings(task.get("upstream")))));
    assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(found.keySet()));
    expected.forEach((id, upstream) -> assertEquals(upstream, found.get(id), id));
    for (JsonNode task : tasks.values()) {
      assertEquals(Main.class.getName(), task.get("java_class").asText());
      assertEquals("/opt/g2lstm/g2lstm.jar", task.get("application").asText());
      assertEquals(task.get("task_id").asText().replaceAll("_.*", ""), strings(task.get("application_args")).get(0));
    }
  }

  @Test
  void everyRunOfTheDagUsesItsRunIdForRowsAndItsOwnDirectories() {
    for (String mode : MODES) {
      List<String> train = strings(tasks.get("train_" + mode).get("application_args"));
      assertEquals(RUN_ID + "-" + mode, train.get(train.indexOf("--run-id") + 1));
      assertTrue(train.contains("train.output=" + root() + "/runs/" + RUN_DIRECTORY + "/train/" + mode), train
          .toString());
      List<String> evaluate = strings(tasks.get("evaluate_" + mode).get("application_args"));
      assertEquals(RUN_ID, evaluate.get(evaluate.indexOf("--run-id") + 1));
    }
    List<String> report = strings(tasks.get("report").get("application_args"));
    assertEquals(RUN_ID, report.get(report.indexOf("--run") + 1));
  }

  @Test
  void everyCommandLinePassesItsCheckOnceItsUpstreamTasksHaveRun() throws IOException {
    // Before prepare, training finds no prepared data where prepare writes it; --check leaves nothing behind.
    String prepared = root() + "/runs/" + RUN_DIRECTORY + "/prepared";
    assertTrue(check("train_g2", 1).contains(Path.of(java.net.URI.create(prepared)).toString()));
    assertTrue(check("prepare", 0).contains("prepare.output " + prepared + ": new, writable"));
    assertFalse(Files.exists(dir.resolve("root")), "--check wrote nothing");

    assertEquals(0, Main.run(commandLine("prepare").toArray(String[]::new), quiet()));
    for (String mode : MODES) {
      assertTrue(check("train_" + mode, 0).contains("starts run " + RUN_ID + "-" + mode));
      assertTrue(check("evaluate_" + mode, 1).contains("expected a checkpoint"));
    }

    // Where each train task writes its checkpoints, an untrained one of its run: its retry continues it.
    for (String mode : MODES) {
      writeUntrainedCheckpoint(mode);
      assertTrue(check("train_" + mode, 0).contains("continues run " + RUN_ID + "-" + mode + " after checkpoint"));
      for (String job : List.of("evaluate", "sweep", "gates")) {
        check(job + "_" + mode, 0);
      }
    }

    assertTrue(check("report", 1).contains("expected results of run '" + RUN_ID + "'"));
    writeOneScore();
    assertTrue(check("report", 0).contains("run " + RUN_ID + " in bleu_scores"));
  }

  /**
   * Runs the task's command line with {@code --check} as spark-submit would start it: in cluster mode the driver
   * finds the files of {@code --files} in its working directory, so {@code --conf} names one of them by base name.
   * Returns what it printed.
   */
  private static String check(String taskId, int expectedStatus) {
    List<String> args = commandLine(taskId);
    args.add(JobCommands.CHECK);
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      status = Main.run(args.toArray(String[]::new), new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertEquals(expectedStatus, status, taskId + ": " + args + "\n" + printed);
    if (expectedStatus == 0) {
      assertTrue(printed.startsWith(args.get(0) + " --check: ok, nothing was run\n"), printed);
    } else {
      assertEquals(1, printed.lines().count(), "a one-line error: " + printed);
    }
    return printed;
  }

  private static List<String> commandLine(String taskId) {
    JsonNode task = tasks.get(taskId);
    List<String> args = new ArrayList<>(strings(task.get("application_args")));
    int confAt = args.indexOf("--conf") + 1;
    if (task.get("deploy_mode").asText().equals("cluster")) {
      Path shipped = Path.of(task.get("files").asText());
      assertEquals(shipped.getFileName().toString(), args.get(confAt), taskId + ": --conf names the shipped file");
      args.set(confAt, shipped.toString());
    } else {
      assertEquals(conf.toString(), args.get(confAt), taskId + ": a client-mode driver reads the file itself");
    }
    return args;
  }

  /** The settings of a task as its command line gives them. */
  private static SettingsReader settings(String taskId) {
    List<String> args = commandLine(taskId);
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals(SettingOverrides.OPTION)) {
        sets.add(args.get(i + 1));
      }
    }
    return SettingsReader.load(conf, SettingOverrides.parse(sets));
  }

  private static void writeUntrainedCheckpoint(String mode) {
    JobSettings<SparkTrainer.Settings> job = JobSettings.read(settings("train_" + mode), SparkTrainer.Settings::from);
    TrainSettings train = job.settings().train();
    Path data = Path.of(java.net.URI.create(train.data()));
    Checkpoint.write(Path.of(java.net.URI.create(train.output())), Trainer.newModel(job.settings().model(), train,
        TranslationAssets.load(data)), new Checkpoint.Progress(1, 10, 5.0, 90.0, RUN_ID + "-" + mode,
        ValidationHistory.startingAt(1, 90.0)), data, job.resolved());
  }

  private static void writeOneScore() {
    String warehouse = SettingsReader.load(conf, SettingOverrides.parse(List.of(strings(tasks.get("report")
        .get("application_args")).stream().filter(arg -> arg.startsWith("results.warehouse=")).findFirst()
        .orElseThrow()))).section("results").nonBlankString("warehouse");
    EvaluatedModel model = new EvaluatedModel(RUN_ID + "-g2", "demo-tiny", GateMode.G2, 1);
    SparkSession spark = SparkSessions.open("test", Optional.of("local[1]"));
    try {
      ResultTables.replacePartition(spark, warehouse, BleuScoreRow.TABLE, List.of(new BleuScoreRow(RUN_ID, model,
          "checkpoint", "synthetic-test", 30, 5, BleuFlavour.SACREBLEU, 1.0, List.of(10.0, 2.0, 1.0, 0.5), 1.0, 300,
          300, "")), List.of(RUN_ID, model.modelRun()));
    } finally {
      spark.stop();
    }
  }

  private static String root() {
    return dir.resolve("root").toUri().toString().replaceAll("/$", "");
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
