package io.g2lstm.model.train;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.CheckpointStore;
import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.model.graph.TranslationGraph;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a translation model in one process ({@code train --local}): a {@link TrainingRun} whose epochs are fitted
 * here, minibatch by minibatch, with the configured optimizer and global gradient clipping.
 *
 * <p>Runs are reproducible from their seeds ({@link TrainingSeeds}): the batch order of every epoch and the dropout
 * generator of every minibatch derive from {@code train.seed}, and the gate noise from {@code model.seed} and the
 * iteration, so a run resumed from a checkpoint continues exactly as the uninterrupted run would have.
 */
public final class Trainer {

  private final ModelSettings model;
  private final TrainSettings train;
  private final Path assetsDirectory;
  private final String resolvedConfiguration;
  private final PrintStream log;

  /**
   * @param assetsDirectory the prepared-data directory whose vocabularies and BPE codes the model uses
   * @param resolvedConfiguration written into every checkpoint as provenance
   * @param log where progress lines go
   */
  public Trainer(ModelSettings model, TrainSettings train, Path assetsDirectory, String resolvedConfiguration,
      PrintStream log) {
    this.model = model;
    this.train = train;
    this.assetsDirectory = assetsDirectory;
    this.resolvedConfiguration = resolvedConfiguration;
    this.log = log;
  }

  /** Resuming continues the same model: its shape and gates must be those the checkpoint was trained with. */
  public static void requireSameModel(Checkpoint checkpoint, ModelSettings model) {
    ModelSettings trained = ModelSettings.from(checkpoint.settings());
    if (!trained.equals(model)) {
      throw new ConfigurationException("model: expected the settings " + checkpoint + " was trained with ("
          + trained + "), found " + model + "; train into a new train.output to change the model");
    }
  }

  /**
   * A fresh model for these settings and vocabularies: every parameter uniform in {@code [-s, s]} for
   * {@code train.init-scale} = s > 0 (drawn from {@code model.seed}), else DL4J's initialisation.
   */
  public static ComputationGraph newModel(ModelSettings model, TrainSettings train, TranslationAssets assets) {
    ComputationGraph graph = new ComputationGraph(TranslationGraph.configure(model,
        assets.sourceVocabulary().size(), assets.targetVocabulary().size(), train.updater(), DataType.FLOAT,
        train.labelSmoothing()));
    graph.init();
    if (train.initScale() > 0) {
      INDArray parameters = graph.params();
      INDArray uniform = Nd4j.getRandomFactory().getNewRandomInstance(model.seed()).nextDouble(parameters.shape())
          .castTo(parameters.dataType());
      parameters.assign(uniform.muli(2 * train.initScale()).subi(train.initScale()));
    }
    return graph;
  }

  /**
   * Trains up to {@code train.epochs} epochs into {@code train.output}, as {@link TrainingRun#run} describes.
   *
   * @param resume continue from the latest checkpoint under {@code train.output}
   * @param requestedRunId the caller's run id; with the run id of the latest checkpoint it continues that run
   */
  public TrainingRun.Outcome run(ParallelIds trainData, ParallelIds validData, boolean resume,
      Optional<String> requestedRunId) {
    CheckpointStore checkpoints = new CheckpointStore(LocalFileStore.INSTANCE, train.output());
    return new TrainingRun(model, train, checkpoints, assetsDirectory, resolvedConfiguration, log).run(resume,
        requestedRunId, String.format(Locale.ROOT, "1 process, %,d training pairs", trainData.size()),
        (runId, graph, resumedFrom) -> new LocalFitting(graph, trainData, validData));
  }

  /** Fits each epoch in this process, minibatch by minibatch. */
  private final class LocalFitting implements TrainingRun.Fitting {

    private final ComputationGraph graph;
    private final ParallelIds trainData;
    private final ParallelIds validData;

    LocalFitting(ComputationGraph graph, ParallelIds trainData, ParallelIds validData) {
      this.graph = graph;
      this.trainData = trainData;
      this.validData = validData;
      graph.setListeners(new GlobalNormClipping(train.clipNorm()));
    }

    @Override
    public ComputationGraph model() {
      return graph;
    }

    @Override
    public TrainingRun.EpochFit fitEpoch(int epoch, long batchOrderSeed) {
      List<int[]> batches = Minibatches.plan(trainData, train.batchSize(), batchOrderSeed);
      int limit = train.maxBatchesPerEpoch() > 0 ? Math.min(train.maxBatchesPerEpoch(), batches.size())
          : batches.size();
      double lossSum = 0;
      long tokens = 0;
      double fitSeconds = 0;
      for (int i = 0; i < limit; i++) {
        MultiDataSet batch = Minibatches.encode(trainData, batches.get(i), DataType.FLOAT);
        long batchTokens = batch.getLabelsMaskArray(0).sumNumber().longValue();
        long fitStart = System.nanoTime();
        TrainingSeeds.reseedDropout(train.seed(), graph.getIterationCount(), 0);
        graph.fit(batch);
        fitSeconds += (System.nanoTime() - fitStart) / 1e9;
        lossSum += graph.score() * batches.get(i).length;
        tokens += batchTokens;
        if ((i + 1) % train.logEvery() == 0 || i + 1 == limit) {
          log.printf(Locale.ROOT, "epoch %d/%d batch %d/%d: loss %.4f (ppl %.2f), %,.0f target tokens/s%n", epoch,
              train.epochs(), i + 1, limit, lossSum / tokens, Math.exp(lossSum / tokens), tokens / fitSeconds);
        }
      }
      graph.incrementEpochCount();
      return new TrainingRun.EpochFit(limit, tokens, lossSum, fitSeconds);
    }

    @Override
    public double validationPerplexity(int epoch) {
      return Evaluation.perplexity(graph, validData, train.batchSize());
    }
  }
}
