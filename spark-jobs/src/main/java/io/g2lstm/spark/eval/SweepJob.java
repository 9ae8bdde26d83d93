package io.g2lstm.spark.eval;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.JobSettings;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.compress.GateCompression;
import io.g2lstm.model.compress.GateCompressor;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.prep.corpus.CorpusSpec;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.results.CompressionResultRow;
import io.g2lstm.results.EvaluatedModel;
import io.g2lstm.spark.HadoopConf;
import io.g2lstm.spark.HadoopFiles;
import io.g2lstm.spark.PreparedAssets;
import io.g2lstm.spark.ResultTables;
import io.g2lstm.spark.ShardReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The {@code sweep} job, the paper's sensitivity analysis: a checkpoint's model evaluated as trained and with its
 * input- and forget-gate weights compressed by every method of a grid (rounding, rounding and clipping, low-rank
 * SVD). Every (method, test-set slice) pair is a task across the cluster; each cell gets BLEU on the test sets and
 * perplexity on the validation split. Writes the model's rows of the run in {@code compression_results}. The grid is
 * checked against the model (a rank above a gate block's smaller side) and the validation data against the
 * checkpoint's vocabularies before any work.
 */
public final class SweepJob {

  private SweepJob() {}

  /** The checkpoint, validation pairs and test sets of a sweep, read and checked, and what was found, a line each. */
  private record Inputs(CheckpointFiles files, Checkpoint checkpoint, ParallelIds validation, List<TestSet> testSets,
      List<String> found) {}

  /**
   * What a sweep checks before any translation, without a Spark session ({@code sweep --check}): the checkpoint,
   * that every method of the grid applies to its model, that the validation data has the checkpoint's vocabularies,
   * the test sets, and that {@code results.warehouse} can be written. Returns what it found, a line each.
   */
  public static List<String> check(JobSettings<SweepSettings> job, String modelPath, Configuration hadoop) {
    return inputs(job.settings(), modelPath, hadoop).found();
  }

  private static Inputs inputs(SweepSettings settings, String modelPath, Configuration hadoop) {
    CheckpointFiles files = CheckpointFiles.read(modelPath, hadoop);
    HadoopFiles.requireWritable("results.warehouse", settings.evaluate().warehouse(), hadoop);
    Checkpoint checkpoint = files.open();
    ComputationGraph graph = checkpoint.loadModel();
    for (GateCompression method : settings.methods()) {
      try {
        GateCompressor.requireApplicable(graph, method);
      } catch (ConfigurationException e) {
        throw new ConfigurationException("sweep.grids." + settings.grid() + ": " + e.getMessage(), e);
      }
    }
    TranslationAssets data = PreparedAssets.load(settings.validationData(), hadoop);
    data.requireSameVocabularies(checkpoint.assets(), "the data in " + settings.validationData(),
        checkpoint.toString());
    ParallelIds validation = ShardReader.read(settings.validationData(), Split.VALID, hadoop);
    List<TestSet> testSets = new ArrayList<>();
    for (CorpusSpec spec : settings.evaluate().testSets()) {
      testSets.add(TestSet.read(spec, new HadoopConf(hadoop)::open));
    }
    return new Inputs(files, checkpoint, validation, List.copyOf(testSets), List.of(
        "--model " + modelPath + ": " + checkpoint + "; the " + settings.methods().size() + " methods of "
            + "sweep.grids." + settings.grid() + " apply to its model",
        "validation data " + settings.validationData() + ": " + validation.size() + " pairs, the checkpoint's "
            + "vocabularies",
        testSets.stream().map(TestSet::toString).collect(Collectors.joining(", ")) + ": read",
        "results.warehouse " + settings.evaluate().warehouse() + ": writable"));
  }

  /**
   * @param modelPath a checkpoint directory or a training output (its latest checkpoint), on any Hadoop file system
   * @param runId the run the rows belong to; by default the training run of the checkpoint
   */
  public static List<CompressionResultRow> run(SparkSession spark, JobSettings<SweepSettings> job, String modelPath,
      Optional<String> runId, PrintStream log) {
    SweepSettings settings = job.settings();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Inputs inputs = inputs(settings, modelPath, hadoop);
    CheckpointFiles files = inputs.files();
    Checkpoint checkpoint = inputs.checkpoint();
    ParallelIds validation = inputs.validation();
    List<TestSet> testSets = inputs.testSets();
    EvaluatedModel model = EvaluatedModel.of(checkpoint);
    String run = runId.orElse(model.modelRun());

    List<ModelVariant> variants = new ArrayList<>();
    variants.add(new ModelVariant.Original());
    for (GateCompression method : settings.methods()) {
      variants.add(new ModelVariant.Compressed(method));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    EvaluateSettings evaluate = settings.evaluate();
    int slices = evaluate.slices() > 0 ? evaluate.slices() : sc.defaultParallelism();
    long start = System.nanoTime();
    List<DistributedEvaluation.VariantResult> results = DistributedEvaluation.run(sc, files, variants, testSets,
        validation, evaluate.decoding(), slices);
    log.printf(Locale.ROOT, "sweep: %s, %d settings x %d test set(s) in %.1f s%n", model.modelRun(),
        variants.size(), testSets.size(), (System.nanoTime() - start) / 1e9);
    List<CompressionResultRow> rows = new ArrayList<>();
    // Results come variant by variant, each over the test sets in order; the first variant is the original.
    for (int r = 0; r < results.size(); r++) {
      DistributedEvaluation.VariantResult result = results.get(r);
      DistributedEvaluation.VariantResult original = results.get(r % testSets.size());
      double originalBleu = original.bleu().sacreBleu().score().score();
      double originalTokenized = original.bleu().multiBleu().score().score();
      double bleu = result.bleu().sacreBleu().score().score();
      double tokenized = result.bleu().multiBleu().score().score();
      double perplexity = result.validation().perplexity();
      Optional<GateCompression> compression = result.variant() instanceof ModelVariant.Compressed compressed
          ? Optional.of(compressed.compression()) : Optional.empty();
      CompressionResultRow row = CompressionResultRow.of(run, model, settings.grid(), compression,
          result.testSet().name(), bleu, bleu - originalBleu, tokenized, tokenized - originalTokenized, perplexity,
          result.compressionRatio());
      rows.add(row);
      log.printf(Locale.ROOT, "  %-34s %-16s BLEU %6.2f (%+.2f), tokenized %6.2f (%+.2f), perplexity %.2f, "
          + "ratio %.1f%n", label(result.variant()), result.testSet().name(), bleu, row.bleuChange(), tokenized,
          row.tokenizedBleuChange(), perplexity, result.compressionRatio());
    }
    List<String> partition = List.of(run, model.modelRun());
    ResultTables.replacePartition(spark, evaluate.warehouse(), CompressionResultRow.TABLE, rows, partition);
    ResultTables.writeProvenance(evaluate.warehouse(), CompressionResultRow.TABLE, partition, job.resolved(),
        hadoop);
    return List.copyOf(rows);
  }

  private static String label(ModelVariant variant) {
    return variant instanceof ModelVariant.Compressed compressed ? compressed.compression().label() : "original";
  }
}
