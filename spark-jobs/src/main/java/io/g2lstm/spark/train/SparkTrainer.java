package io.g2lstm.spark.train;

import io.g2lstm.common.DataException;
import io.g2lstm.common.Directories;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.Names;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.CheckpointStore;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.model.train.GlobalNormClipping;
import io.g2lstm.model.train.RunPlan;
import io.g2lstm.model.train.TrainSettings;
import io.g2lstm.model.train.TrainingRun;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.results.TrainingMetrics;
import io.g2lstm.spark.HadoopFileStore;
import io.g2lstm.spark.HadoopFiles;
import io.g2lstm.spark.PreparedAssets;
import io.g2lstm.spark.ResultTables;
import io.g2lstm.spark.ShardReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.time.SystemClockTimeSource;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Trains the translation model across a Spark cluster by parameter averaging (deeplearning4j-spark): a
 * {@link TrainingRun} whose epochs are fitted by replicas on the workers, each on its share of length-bucketed
 * minibatches built on the executors from the Parquet shards, with parameters and optimizer state averaged every
 * {@code train.spark.averaging-frequency} minibatches. Each epoch's row goes to the {@code training_metrics} table
 * before its checkpoint is written. Everything that can be checked is checked before the first minibatch.
 */
public final class SparkTrainer {

  /** What a run did. */
  public record Result(String runId, List<TrainingMetrics> metrics, Optional<AveragingStatistics> statistics) {}

  private final SparkSession spark;
  private final ModelSettings model;
  private final TrainSettings train;
  private final SparkTrainSettings cluster;
  private final String resolvedConfiguration;
  private final PrintStream log;
  private final List<TrainingHook> extraHooks = new ArrayList<>();

  private SparkTrainer(SparkSession spark, ModelSettings model, TrainSettings train, SparkTrainSettings cluster,
      String resolvedConfiguration, PrintStream log) {
    this.spark = spark;
    this.model = model;
    this.train = train;
    this.cluster = cluster;
    this.resolvedConfiguration = resolvedConfiguration;
    this.log = log;
  }

  /** Adds a hook every worker runs around each minibatch (tests use one to see what the workers fit). */
  SparkTrainer withHook(TrainingHook hook) {
    extraHooks.add(hook);
    return this;
  }

  /**
   * All the settings a Spark training run needs: the {@code model} block, {@code train} (its learning rate the
   * replicas', {@code train.learning-rate} scaled by {@code train.spark.learning-rate-scaling}) and
   * {@code train.spark}.
   */
  public record Settings(ModelSettings model, TrainSettings train, SparkTrainSettings cluster) {

    public static Settings from(SettingsReader config) {
      TrainSettings train = TrainSettings.from(config);
      SparkTrainSettings cluster = SparkTrainSettings.from(config);
      if (train.optimizer() == TrainSettings.Optimizer.ADADELTA
          && cluster.learningRateScaling() != SparkTrainSettings.LearningRateScaling.NONE) {
        throw config.section("train").section("spark").invalid("learning-rate-scaling",
            "none (AdaDelta has no learning rate to scale)", SettingsReader.settingName(cluster.learningRateScaling()));
      }
      TrainSettings replicas = train.withLearningRate(cluster.learningRate(train.learningRate()));
      return new Settings(ModelSettings.from(config), replicas, cluster);
    }
  }

  /** A trainer for the settings of one run, as the command line read them. */
  public static SparkTrainer of(SparkSession spark, JobSettings<Settings> job, PrintStream log) {
    Settings settings = job.settings();
    return new SparkTrainer(spark, settings.model(), settings.train(), settings.cluster(), job.resolved(), log);
  }

  /**
   * Trains up to {@code train.epochs} epochs.
   *
   * @param resume continue from the latest checkpoint under {@code train.output}
   * @param requestedRunId the caller's run id; with the run id of the latest checkpoint it continues that run
   */
  public Result run(boolean resume, Optional<String> requestedRunId) {
    useSystemClockForStatistics();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    java.nio.file.Path assetsDirectory = PreparedAssets.copyToLocal(train.data(), hadoop);
    try {
      return run(resume, requestedRunId, assetsDirectory, hadoop);
    } finally {
      Directories.deleteTree(assetsDirectory);
    }
  }

  private Result run(boolean resume, Optional<String> requestedRunId, java.nio.file.Path assetsDirectory,
      Configuration hadoop) {
    check(new Settings(model, train, cluster), resume, requestedRunId, assetsDirectory, hadoop);
    Dataset<Row> trainShards = shards(Split.TRAIN);
    Dataset<Row> validShards = shards(Split.VALID);
    long[] trainCounts = pairsAndTokens(trainShards);
    CheckpointStore checkpoints = new CheckpointStore(new HadoopFileStore(hadoop), train.output());
    List<SparkFitting> started = new ArrayList<>();
    TrainingRun.Outcome outcome = new TrainingRun(model, train, checkpoints, assetsDirectory, resolvedConfiguration,
        log).run(resume, requestedRunId, String.format(Locale.ROOT, "%s, %,d training pairs",
            describeWorkers(), trainCounts[0]), (runId, graph, resumedFrom) -> {
              SparkFitting fitting = new SparkFitting(runId, graph, resumedFrom, trainShards, validShards, hadoop);
              started.add(fitting);
              return fitting;
            });
    Optional<AveragingStatistics> statistics = started.isEmpty() || !cluster.collectStatistics() ? Optional.empty()
        : Optional.of(started.get(0).statistics());
    statistics.ifPresent(s -> log.println("train: " + s.line()));
    return new Result(outcome.runId(), readMetrics(outcome.runId()), statistics);
  }

  /** The workers, their averaging and, when it is scaled for them, the replicas' learning rate. */
  private String describeWorkers() {
    String workers = cluster.averaging().describe(cluster.workers());
    double factor = cluster.learningRateScaling().factor(cluster.workers());
    return factor == 1 ? workers : String.format(Locale.ROOT, "%s, learning rate %.3g (%s scaling, x%.3g)", workers,
        train.learningRate(), SettingsReader.settingName(cluster.learningRateScaling()), factor);
  }

  /**
   * What a run checks before its first minibatch, without a Spark session ({@code train --check}): the prepared data
   * (manifest, vocabularies, training pairs in the shards), that {@code train.output}, {@code results.warehouse}
   * and the export directory can be written, and what the run would do in {@code train.output}: start, continue a
   * checkpoint that has the data's vocabularies and the configured model, or nothing. Returns what it found, a line
   * each.
   */
  public static List<String> check(JobSettings<Settings> job, boolean resume, Optional<String> requestedRunId,
      Configuration hadoop) {
    java.nio.file.Path assetsDirectory = PreparedAssets.copyToLocal(job.settings().train().data(), hadoop);
    try {
      return check(job.settings(), resume, requestedRunId, assetsDirectory, hadoop);
    } finally {
      Directories.deleteTree(assetsDirectory);
    }
  }

  private static List<String> check(Settings settings, boolean resume, Optional<String> requestedRunId,
      java.nio.file.Path assetsDirectory, Configuration hadoop) {
    TrainSettings train = settings.train();
    SparkTrainSettings cluster = settings.cluster();
    TranslationAssets assets = TranslationAssets.load(assetsDirectory);
    long trainPairs = ShardReader.count(train.data(), Split.TRAIN, hadoop);
    if (trainPairs == 0) {
      throw new DataException(new Path(train.data(), PrepareManifest.shardDirectory(Split.TRAIN))
          + ": expected training pairs in the shards, found none");
    }
    long validPairs = ShardReader.count(train.data(), Split.VALID, hadoop);
    HadoopFiles.requireWritable("train.output", train.output(), hadoop);
    HadoopFiles.requireWritable("results.warehouse", cluster.warehouse(), hadoop);
    List<String> found = new ArrayList<>();
    found.add(String.format(Locale.ROOT, "train.data %s: %,d training and %,d validation pairs, vocabularies of %,d "
        + "and %,d entries", train.data(), trainPairs, validPairs, assets.sourceVocabulary().size(),
        assets.targetVocabulary().size()));
    found.add("results.warehouse " + cluster.warehouse() + ": writable");
    if (cluster.rddTraining() == SparkTrainSettings.RddTraining.EXPORT) {
      HadoopFiles.requireWritable("train.spark.export-directory", cluster.exportDirectory(), hadoop);
      found.add("train.spark.export-directory " + cluster.exportDirectory() + ": writable");
    }
    CheckpointStore checkpoints = new CheckpointStore(new HadoopFileStore(hadoop), train.output());
    RunPlan plan = new TrainingRun(settings.model(), train, checkpoints, assetsDirectory, "",
        new PrintStream(OutputStream.nullOutputStream())).plan(resume, requestedRunId);
    String runId = requestedRunId.isPresent() || !(plan instanceof RunPlan.Fresh) ? "run " + plan.runId()
        : "a new run";
    String outcome;
    if (plan instanceof RunPlan.Continue next) {
      outcome = "continues " + runId + " after " + next.checkpoint();
    } else if (plan instanceof RunPlan.Complete complete) {
      outcome = runId + " is complete (" + complete.checkpoint() + "); nothing to train";
    } else {
      outcome = "starts " + runId;
    }
    found.add("train.output " + train.output() + ": writable; " + outcome);
    return found;
  }

  /**
   * Fits each epoch across the cluster: minibatches built on the executors from the shards (cached, or exported to
   * files), replicas averaged every {@code train.spark.averaging-frequency} minibatches (one worker fits the epoch
   * in one round), validation perplexity on the executors, and the epoch's row in {@code training_metrics}.
   */
  private final class SparkFitting implements TrainingRun.Fitting {

    private final String runId;
    private final Configuration hadoop;
    private final ReplicaFigures figures = new ReplicaFigures();
    private final JavaSparkContext context;
    private final JavaRDD<MultiDataSet> trainBatches;
    private final JavaRDD<String> exportedPaths;
    private final Optional<Path> exported;
    private final double exportMillis;
    private final JavaRDD<String> pathsToDeal;
    private final JavaRDD<MultiDataSet> batchesToDeal;
    private final long epochMinibatches;
    private final RoundProgress progress;
    private final AveragingMaster master;
    private final SparkComputationGraph sparkGraph;
    private final JavaRDD<MultiDataSet> validBatches;
    private final Optional<BlockMomentum> blockMomentum;
    private final List<TrainingMetrics> rows = new ArrayList<>();

    SparkFitting(String runId, ComputationGraph graph, Optional<Checkpoint> resumedFrom, Dataset<Row> trainShards,
        Dataset<Row> validShards, Configuration hadoop) {
      this.runId = runId;
      this.hadoop = hadoop;
      if (resumedFrom.isPresent()) {
        rows.addAll(readMetrics(runId));
      }
      blockMomentum = blockMomentum(graph, resumedFrom);
      ResultTables.writeProvenance(cluster.warehouse(), TrainingMetrics.TABLE, List.of(runId),
          resolvedConfiguration, hadoop);
      spark.sparkContext().register(figures, "training figures");
      context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      JavaRDD<MultiDataSet> batches = ShardBatches.training(trainShards, train.batchSize(), train.seed(),
          train.maxBatchesPerEpoch());
      if (cluster.rddTraining() == SparkTrainSettings.RddTraining.EXPORT) {
        deleteExports(runId, hadoop);
        long exportStart = System.nanoTime();
        // Qualified on the driver: executors resolve a relative path against their own working directories.
        exported = Optional.of(new Path(new HadoopFileStore(hadoop).qualify(cluster.exportDirectory()),
            Names.escaped(runId) + "-" + UUID.randomUUID()));
        exportedPaths = MinibatchExport.write(context, batches, exported.get().toString());
        exportMillis = (System.nanoTime() - exportStart) / 1e6;
      } else {
        batches = batches.persist(StorageLevel.MEMORY_ONLY_SER());
        exported = Optional.empty();
        exportedPaths = null;
        exportMillis = 0;
      }
      trainBatches = batches;
      // deeplearning4j-spark deals each partition's minibatches evenly over the averaging rounds, so a partition
      // with fewer minibatches than rounds leaves some rounds empty, and an empty round fails in its aggregation.
      // Built in parallel and cached above, the minibatches are dealt from one partition (the rounds are then spread
      // over the workers).
      pathsToDeal = exportedPaths == null ? null : exportedPaths.coalesce(1);
      batchesToDeal = exportedPaths == null ? trainBatches.coalesce(1) : null;
      // One worker has nothing to average with: it fits the whole epoch in one round, so the round's fixed cost
      // (parameters and optimizer state out and back) is paid once per epoch. The iteration count keys dropout and
      // noise, so the result is the same as with rounds.
      epochMinibatches = pathsToDeal != null ? pathsToDeal.count() : batchesToDeal.count();
      int averagingFrequency = cluster.workers() == 1 ? (int) Math.max(1, epochMinibatches)
          : cluster.averagingFrequency();
      progress = new RoundProgress(log, figures, train.logEvery(), train.epochs());
      master = master(new ReplicaHook(figures, train.seed()), progress, averagingFrequency, blockMomentum);
      sparkGraph = new SparkComputationGraph(spark.sparkContext(), graph, master);
      sparkGraph.setListeners(List.of(new GlobalNormClipping(train.clipNorm())));
      validBatches = ShardBatches.inOrder(validShards, train.batchSize());
    }

    @Override
    public ComputationGraph model() {
      return sparkGraph.getNetwork();
    }

    @Override
    public TrainingRun.EpochFit fitEpoch(int epoch, long batchOrderSeed) {
      long start = System.nanoTime();
      figures.reset();
      progress.startEpoch(epoch, epochMinibatches);
      master.startEpoch(batchOrderSeed);
      // what the Spark UI shows beside the jobs of this epoch
      context.setJobGroup(runId, String.format(Locale.ROOT, "train %s: epoch %d/%d", runId, epoch, train.epochs()),
          false);
      if (pathsToDeal != null) {
        sparkGraph.fitPathsMultiDataSet(pathsToDeal);
      } else {
        sparkGraph.fitMultiDataSet(batchesToDeal);
      }
      ReplicaFigures.Totals fitted = figures.value();
      return new TrainingRun.EpochFit(fitted.minibatches(), fitted.tokens(), fitted.loss(),
          (System.nanoTime() - start) / 1e9);
    }

    @Override
    public double validationPerplexity(int epoch) {
      context.setJobDescription(String.format(Locale.ROOT, "train %s: validation after epoch %d", runId, epoch));
      return ClusterPerplexity.of(sparkGraph.getSparkContext(), sparkGraph.getNetwork(), validBatches);
    }

    /** Replaces the run's rows in {@code training_metrics} by those up to this epoch. */
    @Override
    public void recordEpoch(TrainingRun.EpochReport report) {
      TrainingMetrics row = new TrainingMetrics(runId, model.name(), model.gate().mode(), report.epoch(),
          report.step(), report.trainLoss(), report.validPerplexity(), report.tokensPerSecond(), report.wallSeconds(),
          cluster.workers());
      List<TrainingMetrics> updated = upTo(rows, row);
      ResultTables.replacePartition(spark, cluster.warehouse(), TrainingMetrics.TABLE, updated, List.of(runId));
      rows.clear();
      rows.addAll(updated);
    }

    @Override
    public void addToCheckpoint(java.nio.file.Path directory) {
      blockMomentum.ifPresent(b -> b.write(directory));
    }

    AveragingStatistics statistics() {
      return AveragingStatistics.from(sparkGraph.getSparkTrainingStats(), cluster.workers(), exportMillis);
    }

    @Override
    public void close() {
      context.clearJobGroup();
      trainBatches.unpersist(false);
      if (exportedPaths != null) {
        exportedPaths.unpersist(false);
      }
      exported.ifPresent(directory -> deleteQuietly(directory, hadoop));
    }
  }

  /**
   * The block-momentum filter of several workers' rounds, continued from the checkpoint a run resumes from where it
   * holds one; empty with one worker or plain averaging.
   */
  private Optional<BlockMomentum> blockMomentum(ComputationGraph graph, Optional<Checkpoint> resumedFrom) {
    Averaging averaging = cluster.averaging();
    if (cluster.workers() == 1 || averaging.isPlain()) {
      return Optional.empty();
    }
    if (resumedFrom.isPresent()) {
      Checkpoint checkpoint = resumedFrom.get();
      Optional<BlockMomentum> resumed = BlockMomentum.resume(averaging, graph.params(), checkpoint.directory(),
          checkpoint.toString());
      if (resumed.isPresent()) {
        return resumed;
      }
      log.printf(Locale.ROOT, "train: %s has no block-momentum state (trained with plain averaging or one "
          + "worker); block momentum starts from zero%n", checkpoint);
    }
    return Optional.of(BlockMomentum.start(averaging, graph.params()));
  }

  private AveragingMaster master(ReplicaHook hook, RoundProgress progress, int averagingFrequency,
      Optional<BlockMomentum> blockMomentum) {
    List<TrainingHook> hooks = new ArrayList<>(extraHooks);
    hooks.add(0, hook);
    // The worker count must be given: path-based training reads it from a MultiLayerNetwork when it is not.
    return new AveragingMaster(new ParameterAveragingTrainingMaster.Builder(cluster.workers(), train.batchSize())
        .batchSizePerWorker(train.batchSize())
        .averagingFrequency(averagingFrequency)
        .aggregationDepth(cluster.aggregationDepth())
        .workerPrefetchNumBatches(cluster.prefetchBatches())
        // The builder's Javadoc says the optimizer state is averaged by default; it is not unless asked for.
        .saveUpdater(true)
        // Exporting is done here (MinibatchExport); the master gets either files or in-memory minibatches.
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .collectTrainingStats(cluster.collectStatistics())
        .trainingHooks(hooks), hook, progress, blockMomentum);
  }

  private List<TrainingMetrics> readMetrics(String runId) {
    List<TrainingMetrics> rows = new ArrayList<>(ResultTables.readRun(spark, cluster.warehouse(),
        TrainingMetrics.TABLE, runId));
    rows.sort((a, b) -> Integer.compare(a.epoch(), b.epoch()));
    return rows;
  }

  /** The rows of a run after {@code latest}: earlier epochs kept, {@code latest}'s epoch and any later replaced. */
  static List<TrainingMetrics> upTo(List<TrainingMetrics> earlier, TrainingMetrics latest) {
    List<TrainingMetrics> rows = new ArrayList<>();
    for (TrainingMetrics row : earlier) {
      if (row.epoch() < latest.epoch()) {
        rows.add(row);
      }
    }
    rows.add(latest);
    return rows;
  }

  private Dataset<Row> shards(Split split) {
    Path directory = new Path(train.data(), PrepareManifest.shardDirectory(split));
    try {
      FileSystem fs = directory.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.isDirectory(directory)) {
        throw new DataException(train.data() + ": expected the " + split.label() + " shards of 'prepare' in "
            + directory + ", found none");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + directory, e);
    }
    return spark.read().parquet(directory.toString());
  }

  /** The number of pairs and of target tokens ({@code </s>} included) in some shards. */
  private static long[] pairsAndTokens(Dataset<Row> shards) {
    Row counts = shards.agg(functions.count(functions.lit(1)),
        functions.coalesce(functions.sum(functions.col("tgt_len").plus(1)), functions.lit(0L))).first();
    return new long[] {counts.getLong(0), counts.getLong(1)};
  }

  /**
   * Removes the exported minibatches of earlier attempts of this run, left behind when they were killed: directories
   * named for the run that carry the export marker, and nothing else.
   */
  private void deleteExports(String runId, Configuration hadoop) {
    Path directory = new Path(cluster.exportDirectory());
    HadoopFileStore files = new HadoopFileStore(hadoop);
    try {
      FileSystem fs = directory.getFileSystem(hadoop);
      if (fs.isDirectory(directory)) {
        for (FileStatus stale : fs.listStatus(directory, path -> isExportOf(path.getName(), runId))) {
          if (MinibatchExport.OWNER.owns(files, stale.getPath().toString())) {
            log.printf(Locale.ROOT, "train: removing %s, the exported minibatches of an earlier attempt%n",
                stale.getPath());
            fs.delete(stale.getPath(), true);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cleaning " + directory, e);
    }
  }

  /** Exports are named {@code <run id>-<UUID>}, the run id escaped for Hadoop paths. */
  private static boolean isExportOf(String name, String runId) {
    String escaped = Names.escaped(runId);
    return name.startsWith(escaped + "-") && name.length() == escaped.length() + 1 + 36;
  }

  private static void deleteQuietly(Path directory, Configuration hadoop) {
    try {
      directory.getFileSystem(hadoop).delete(directory, true);
    } catch (IOException e) {
      // Exported minibatches are a cache; a leftover copy wastes space but harms nothing.
    }
  }

  /**
   * deeplearning4j-spark times its statistics with an NTP clock by default, which fails where no NTP server can be
   * reached (most clusters); the system clock serves as long as executors' clocks are reasonably in step.
   */
  static void useSystemClockForStatistics() {
    if (System.getProperty(DL4JSystemProperties.TIMESOURCE_CLASSNAME_PROPERTY) == null) {
      System.setProperty(DL4JSystemProperties.TIMESOURCE_CLASSNAME_PROPERTY, SystemClockTimeSource.class.getName());
    }
  }
}
