package io.g2lstm.spark.eval;

import io.g2lstm.common.JobSettings;
import io.g2lstm.common.Names;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.bleu.CorpusBleu;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.prep.corpus.CorpusSpec;
import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.EvaluatedModel;
import io.g2lstm.results.ResultTable;
import io.g2lstm.results.TranslationRow;
import io.g2lstm.spark.HadoopConf;
import io.g2lstm.spark.HadoopFiles;
import io.g2lstm.spark.ResultTables;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code evaluate} job: translates test sets with a checkpoint's model across the cluster and scores them with
 * corpus BLEU in both flavours. Writes, for the run and the model, the {@code bleu_scores} and {@code translations}
 * tables (replacing that model's rows of the run), then the translations as text files in the checkpoint's
 * {@code translations/} directory. Test sets are read, and the checkpoint and every destination checked, before any
 * translation starts.
 */
public final class EvaluateJob {

  /** What the job wrote. */
  public record Result(String runId, EvaluatedModel model, List<BleuScoreRow> scores, List<Path> translationFiles) {}

  /** The directory of the checkpoint that the translations go to. */
  public static final String TRANSLATIONS = "translations";

  private EvaluateJob() {}

  /**
   * @param modelPath a checkpoint directory or a training output (its latest checkpoint), on any Hadoop file system
   * @param runId the run the rows belong to; by default the training run of the checkpoint
   */
  public static Result run(SparkSession spark, JobSettings<EvaluateSettings> job, String modelPath,
      Optional<String> runId, PrintStream log) {
    EvaluateSettings settings = job.settings();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Inputs inputs = inputs(settings, modelPath, hadoop);
    CheckpointFiles files = inputs.files();
    Checkpoint checkpoint = inputs.checkpoint();
    List<TestSet> testSets = inputs.testSets();
    Path translations = new Path(files.location(), TRANSLATIONS);
    EvaluatedModel model = EvaluatedModel.of(checkpoint);
    String run = runId.orElse(model.modelRun());

    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = settings.slices() > 0 ? settings.slices() : sc.defaultParallelism();
    int beam = settings.decoding().search().beam();
    long start = System.nanoTime();
    List<DistributedEvaluation.VariantResult> results = DistributedEvaluation.run(sc, files,
        List.of(new ModelVariant.Original()), testSets, new ParallelIds(new long[0], new int[0][], new int[0][]),
        settings.decoding(), slices);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<BleuScoreRow> scores = new ArrayList<>();
    List<TranslationRow> translationRows = new ArrayList<>();
    Map<Path, String> translationFiles = new LinkedHashMap<>();
    int sentences = 0;
    for (DistributedEvaluation.VariantResult result : results) {
      TestSet testSet = result.testSet();
      sentences += testSet.size();
      scores.addAll(scoreRows(run, model, files.location(), testSet, beam, result.bleu(), checkpoint));
      List<String> hypotheses = result.hypotheses();
      for (int i = 0; i < testSet.size(); i++) {
        translationRows.add(new TranslationRow(run, model.modelRun(), testSet.name(), beam, i + 1,
            testSet.sources().get(i), testSet.references().get(i), hypotheses.get(i)));
      }
      translationFiles.put(new Path(translations, Names.escaped(testSet.name()) + ".beam" + beam
          + ".txt"), String.join("\n", hypotheses) + "\n");
    }

    List<String> partition = List.of(run, model.modelRun());
    ResultTables.replacePartition(spark, settings.warehouse(), BleuScoreRow.TABLE, scores, partition);
    ResultTables.replacePartition(spark, settings.warehouse(), TranslationRow.TABLE, translationRows, partition);
    for (ResultTable<?> table : List.of(BleuScoreRow.TABLE, TranslationRow.TABLE)) {
      ResultTables.writeProvenance(settings.warehouse(), table, partition, job.resolved(), hadoop);
    }
    translationFiles.forEach((file, text) -> HadoopFiles.writeText(file, text, hadoop));

    log.printf(Locale.ROOT, "evaluate: %s, %d test sentences (beam %d) in %.1f s, %.1f sentences/s%n",
        model.modelRun(), sentences, beam, seconds, sentences / seconds);
    for (BleuScoreRow row : scores) {
      log.printf(Locale.ROOT, "  %-16s %-10s BLEU = %.2f  (%s)%n", row.testSet(),
          SettingsReader.settingName(row.flavour()), row.score(),
          row.signature());
    }
    translationFiles.keySet().forEach(file -> log.println("  translations: " + file));
    return new Result(run, model, List.copyOf(scores), List.copyOf(translationFiles.keySet()));
  }

  /** The checkpoint and test sets of a run, read and checked on the driver, and what was found, a line each. */
  private record Inputs(CheckpointFiles files, Checkpoint checkpoint, List<TestSet> testSets, List<String> found) {}

  /**
   * What a run checks before any translation, without a Spark session ({@code evaluate --check}): the checkpoint
   * (its files, and a model that fits its vocabularies), the test sets, and that {@code results.warehouse} and the
   * checkpoint's {@value #TRANSLATIONS} directory can be written. Returns what it found, a line each.
   */
  public static List<String> check(JobSettings<EvaluateSettings> job, String modelPath, Configuration hadoop) {
    return inputs(job.settings(), modelPath, hadoop).found();
  }

  private static Inputs inputs(EvaluateSettings settings, String modelPath, Configuration hadoop) {
    CheckpointFiles files = CheckpointFiles.read(modelPath, hadoop);
    Path translations = new Path(files.location(), TRANSLATIONS);
    HadoopFiles.requireWritable("results.warehouse", settings.warehouse(), hadoop);
    HadoopFiles.requireWritable("the checkpoint's " + TRANSLATIONS + " directory", translations.toString(), hadoop);
    Checkpoint checkpoint = files.open();
    // Checks that the model fits the checkpoint's vocabularies before the cluster does any work.
    Translator.forModel(checkpoint, checkpoint.loadModel(), settings.decoding().search(), 1);
    List<TestSet> testSets = new ArrayList<>();
    HadoopConf opener = new HadoopConf(hadoop);
    for (CorpusSpec spec : settings.testSets()) {
      testSets.add(TestSet.read(spec, opener::open));
    }
    return new Inputs(files, checkpoint, List.copyOf(testSets), List.of(
        "--model " + modelPath + ": " + checkpoint + ", a model that fits its vocabularies",
        testSets.stream().map(TestSet::toString).collect(Collectors.joining(", ")) + ": read",
        "results.warehouse " + settings.warehouse() + ": writable",
        TRANSLATIONS + " " + translations + ": writable"));
  }

  /** The two rows of a test set's score: sacreBLEU's and tokenized multi-bleu.perl's. */
  static List<BleuScoreRow> scoreRows(String runId, EvaluatedModel model, String location, TestSet testSet,
      int beam, CorpusBleu bleu, Checkpoint checkpoint) {
    TranslationAssets assets = checkpoint.assets();
    String tokenized = "multi-bleu.perl|case:mixed|tok:moses-" + assets.targetLanguage()
        + (assets.aggressiveHyphenSplit() ? "-a" : "");
    return List.of(
        BleuScoreRow.of(runId, model, location, testSet.name(), testSet.size(), beam, BleuFlavour.SACREBLEU,
            bleu.sacreBleu().score(), bleu.sacreBleu().signature()),
        BleuScoreRow.of(runId, model, location, testSet.name(), testSet.size(), beam, BleuFlavour.MULTI_BLEU,
            bleu.multiBleu().score(), tokenized));
  }
}
