package io.g2lstm.spark.gates;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.model.gates.GateDistribution;
import io.g2lstm.model.gates.GateLayer;
import io.g2lstm.model.gates.GateRecorder;
import io.g2lstm.model.gates.GateStatistics;
import io.g2lstm.model.gates.GateSummary;
import io.g2lstm.model.gates.SentenceGateMeans;
import io.g2lstm.model.gates.SentenceGates;
import io.g2lstm.model.gates.TokenGateMean;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.report.ReportData;
import io.g2lstm.report.ReportWriter;
import io.g2lstm.results.EvaluatedModel;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.GateTokenMeanRow;
import io.g2lstm.results.ResultTable;
import io.g2lstm.spark.HadoopFiles;
import io.g2lstm.spark.PreparedAssets;
import io.g2lstm.spark.ResultTables;
import io.g2lstm.spark.ShardReader;
import io.g2lstm.spark.ShardSchema;
import io.g2lstm.spark.eval.CheckpointFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code gates} job, the paper's gate analysis: feeds the first {@code gates.sentences} training pairs (by
 * sequence id) through a checkpoint's model in inference mode and records the input and forget gate values of one
 * layer, in histograms counted on the executors and merged on the driver, plus the per-token means over hidden
 * units of a few selected sentences. Writes the model's rows of the run in {@code gate_histograms} and
 * {@code gate_token_means}, and the pictures as SVG files under {@code gates.images}.
 */
public final class GatesJob {

  /** What the job found. */
  public record Result(String runId, EvaluatedModel model, GateSummary summary, List<GateTokenMeanRow> tokens,
      Path images) {}

  private GatesJob() {}

  /** The checkpoint of a gates run and where its pictures go, checked, and what was found, a line each. */
  private record Inputs(CheckpointFiles files, Checkpoint checkpoint, Path images, List<String> found) {}

  /**
   * What a run checks before any work, without a Spark session ({@code gates --check}): the checkpoint and its
   * layer {@code gates.layer}, that the data has the checkpoint's vocabularies and enough training pairs for the
   * selected sentences, that {@code gates.images} may be replaced, and that the destinations can be written. Returns
   * what it found, a line each.
   */
  public static List<String> check(JobSettings<GatesSettings> job, String modelPath, Optional<String> runId,
      Configuration hadoop) {
    return inputs(job.settings(), modelPath, runId, hadoop).found();
  }

  private static Inputs inputs(GatesSettings settings, String modelPath, Optional<String> runId,
      Configuration hadoop) {
    CheckpointFiles files = CheckpointFiles.read(modelPath, hadoop);
    HadoopFiles.requireWritable("results.warehouse", settings.warehouse(), hadoop);
    Checkpoint checkpoint = files.open();
    try {
      settings.layer().requireIn(checkpoint.loadModel());
    } catch (ConfigurationException e) {
      throw new ConfigurationException("gates.layer: " + e.getMessage(), e);
    }
    TranslationAssets data = PreparedAssets.load(settings.data(), hadoop);
    data.requireSameVocabularies(checkpoint.assets(), "the data in " + settings.data(), checkpoint.toString());
    int needed = settings.selected().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    long available = Math.min(settings.sentences(), ShardReader.count(settings.data(), Split.TRAIN, hadoop));
    if (available < needed) {
      throw new DataException(settings.data() + ": expected at least " + needed + " training pairs (for "
          + "gates.selected-sentences), found " + available);
    }
    EvaluatedModel model = EvaluatedModel.of(checkpoint);
    Path images = Path.of(settings.images(), runId.orElse(model.modelRun()), model.modelRun());
    ReportWriter.FIGURES.requireReplaceable(LocalFileStore.INSTANCE, images.toString(), "gates.images");
    HadoopFiles.requireWritable("gates.images", images.getParent().toString(), hadoop);
    return new Inputs(files, checkpoint, images, List.of(
        "--model " + modelPath + ": " + checkpoint + ", with the layer of gates.layer",
        "data " + settings.data() + ": the checkpoint's vocabularies, " + available + " training pairs to record",
        "results.warehouse " + settings.warehouse() + ": writable",
        "gates.images " + images + ": writable"));
  }

  /**
   * @param modelPath a checkpoint directory or a training output (its latest checkpoint), on any Hadoop file system
   * @param runId the run the rows belong to; by default the training run of the checkpoint
   */
  public static Result run(SparkSession spark, JobSettings<GatesSettings> job, String modelPath, Optional<String> runId,
      PrintStream log) {
    GatesSettings settings = job.settings();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Inputs inputs = inputs(settings, modelPath, runId, hadoop);
    CheckpointFiles files = inputs.files();
    Checkpoint checkpoint = inputs.checkpoint();
    Path images = inputs.images();
    EvaluatedModel model = EvaluatedModel.of(checkpoint);
    String run = runId.orElse(model.modelRun());
    Dataset<Row> pairs = spark.read().parquet(new org.apache.hadoop.fs.Path(settings.data(),
        PrepareManifest.shardDirectory(Split.TRAIN)).toString()).orderBy(ShardSchema.SEQUENCE_ID)
        .limit(settings.sentences());
    long start = System.nanoTime();

    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = settings.slices() > 0 ? settings.slices() : sc.defaultParallelism();
    Broadcast<CheckpointFiles> shared = sc.broadcast(files);
    GateSummary summary;
    try {
      // Merged in partition order: the mean, a sum of doubles, is then the same whichever task finishes first.
      summary = pairs.javaRDD().repartition(slices)
          .mapPartitions(new Record(shared, settings.layer(), settings.bins(), settings.batchSize()))
          .collect().stream().reduce(GateStatistics::merge).orElseThrow().freeze();
    } finally {
      shared.destroy();
    }
    List<GateTokenMeanRow> tokens = tokenMeans(run, model, checkpoint, settings, pairs);

    List<GateHistogramRow> histograms = new ArrayList<>();
    histograms.addAll(histogramRows(run, model, summary, GateHistogramRow.INPUT, summary.input()));
    histograms.addAll(histogramRows(run, model, summary, GateHistogramRow.FORGET, summary.forget()));
    ReportWriter.writeFigures(new ReportData(run, "", List.of(), List.of(), histograms, tokens, List.of()), images,
        "gates.images");
    List<String> partition = List.of(run, model.modelRun());
    ResultTables.replacePartition(spark, settings.warehouse(), GateHistogramRow.TABLE, histograms, partition);
    ResultTables.replacePartition(spark, settings.warehouse(), GateTokenMeanRow.TABLE, tokens, partition);
    for (ResultTable<?> table : List.of(GateHistogramRow.TABLE, GateTokenMeanRow.TABLE)) {
      ResultTables.writeProvenance(settings.warehouse(), table, partition, job.resolved(), hadoop);
    }
    log.printf(Locale.ROOT, "gates: %s, layer %s, %d sentences (%d positions; %d asked for) in %.1f s%n",
        model.modelRun(), settings.layer().name(), summary.sentences(), summary.positions(), settings.sentences(),
        (System.nanoTime() - start) / 1e9);
    log.printf(Locale.ROOT, "  input gates:  %.1f%% below 0.1, %.1f%% above 0.9, mean %.3f%n",
        100 * summary.input().shareBelow(), 100 * summary.input().shareAbove(), summary.input().mean());
    log.printf(Locale.ROOT, "  forget gates: %.1f%% below 0.1, %.1f%% above 0.9, mean %.3f%n",
        100 * summary.forget().shareBelow(), 100 * summary.forget().shareAbove(), summary.forget().mean());
    log.println("  pictures: " + images);
    return new Result(run, model, summary, List.copyOf(tokens), images);
  }

  private static List<GateHistogramRow> histogramRows(String run, EvaluatedModel model, GateSummary summary,
      String gate, GateDistribution distribution) {
    List<GateHistogramRow> rows = new ArrayList<>();
    List<GateDistribution.Bin> bins = distribution.bins();
    for (int k = 0; k < bins.size(); k++) {
      GateDistribution.Bin bin = bins.get(k);
      rows.add(new GateHistogramRow(run, model, summary.layer().name(), gate, k, bin.lower(), bin.upper(),
          bin.count(), distribution.share(k), distribution.shareBelow(), distribution.shareAbove(),
          distribution.mean(), summary.sentences(), summary.positions()));
    }
    return rows;
  }

  /** The per-token gate means of the selected sentences, computed on the driver (a few sentences). */
  private static List<GateTokenMeanRow> tokenMeans(String run, EvaluatedModel model, Checkpoint checkpoint,
      GatesSettings settings, Dataset<Row> pairs) {
    if (settings.selected().isEmpty()) {
      return List.of();
    }
    int needed = settings.selected().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
    ParallelIds first = ShardSchema.pairs(pairs.limit(needed).collectAsList().iterator());
    int[] indices = settings.selected().stream().mapToInt(Integer::intValue).toArray();
    GateRecorder recorder = new GateRecorder(checkpoint.loadModel(), settings.layer());
    List<SentenceGates> recorded = recorder.record(first, indices);
    TranslationAssets assets = checkpoint.assets();
    List<GateTokenMeanRow> rows = new ArrayList<>();
    for (int s = 0; s < recorded.size(); s++) {
      SentenceGateMeans means = recorded.get(s).tokenMeans();
      List<String> subwords = means.subwords(assets);
      for (int p = 0; p < means.tokens().size(); p++) {
        TokenGateMean token = means.tokens().get(p);
        rows.add(new GateTokenMeanRow(run, model, settings.layer().name(), indices[s], means.sequenceId(),
            token.position(), subwords.get(p), token.input(), token.forget()));
      }
    }
    return rows;
  }

  /** Records one partition's pairs into gate statistics, with a copy of the model made from the broadcast. */
  private record Record(Broadcast<CheckpointFiles> checkpoint, GateLayer layer, int bins, int batchSize)
      implements FlatMapFunction<Iterator<Row>, GateStatistics> {

    @Override
    public Iterator<GateStatistics> call(Iterator<Row> rows) {
      ParallelIds pairs = ShardSchema.pairs(rows);
      GateStatistics statistics = new GateStatistics(layer, bins);
      if (pairs.size() > 0) {
        new GateRecorder(checkpoint.value().open().loadModel(), layer).accumulate(pairs, batchSize, statistics);
      }
      return List.of(statistics).iterator();
    }
  }
}
