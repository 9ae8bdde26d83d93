package io.g2lstm.model.train;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.LifecycleException;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.model.graph.TranslationGraph;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a translation model in one process: length-bucketed minibatches, the configured optimizer, global gradient
 * clipping, validation perplexity and a checkpoint after every epoch, and resumption from the latest checkpoint.
 *
 * <p>Runs are reproducible from their seeds ({@link TrainingSeeds}): the batch order of every epoch and the dropout
 * generator of every minibatch derive from {@code train.seed}, and the gate noise from {@code model.seed} and the
 * iteration, so a run resumed from a checkpoint continues exactly as the uninterrupted run would have.
 */
public final class Trainer {

  /** What one epoch achieved. Losses are per target token (natural log). */
  public record EpochReport(int epoch, long step, double trainLoss, double validPerplexity, double tokensPerSecond,
      double wallSeconds, Path checkpoint) {}

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
   * Trains up to {@code train.epochs} epochs. With {@code resume}, continues from the latest checkpoint under
   * {@code train.output}; without it, refuses to overwrite existing checkpoints.
   */
  public List<EpochReport> run(ParallelIds trainData, ParallelIds validData, boolean resume) {
    Path output = Path.of(train.output());
    TranslationAssets assets = TranslationAssets.load(assetsDirectory);
    Optional<Checkpoint> latest = Checkpoint.latest(output);
    ComputationGraph graph;
    int firstEpoch;
    long step;
    ValidationHistory history;
    if (latest.isPresent() && resume) {
      Checkpoint checkpoint = latest.get();
      Checkpoint.requireResumable(checkpoint, train.epochs());
      assets.requireSameVocabularies(checkpoint.assets(), "the data in " + assetsDirectory, checkpoint.toString());
      requireSameModel(checkpoint, model);
      graph = checkpoint.loadModel();
      firstEpoch = checkpoint.state().epoch();
      step = checkpoint.state().step();
      history = checkpoint.state().validation();
      if (train.stopsAfter(firstEpoch, history)) {
        log.printf(Locale.ROOT, "train: %s stopped early (%s); nothing to train%n", checkpoint,
            history.stopReason(firstEpoch));
        return List.of();
      }
      log.printf(Locale.ROOT, "train: resuming from %s%n", checkpoint);
    } else if (latest.isPresent()) {
      throw new LifecycleException("train.output " + output + ": expected no checkpoints (or --resume to continue "
          + "them), found " + latest.get());
    } else if (resume) {
      throw new LifecycleException("train.output " + output + ": expected a checkpoint to resume (--resume), found "
          + "none; train without --resume to start");
    } else {
      graph = newModel(model, train, assets);
      firstEpoch = 0;
      step = 0;
      history = ValidationHistory.NONE;
    }
    graph.setListeners(new GlobalNormClipping(train.clipNorm()));

    List<EpochReport> reports = new ArrayList<>();
    for (int epoch = firstEpoch; epoch < train.epochs(); epoch++) {
      long start = System.nanoTime();
      train.startEpoch(graph, epoch + 1, history);
      List<int[]> batches = Minibatches.plan(trainData, train.batchSize(), TrainingSeeds.batchOrder(train.seed(),
          epoch));
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
        step++;
        if ((i + 1) % train.logEvery() == 0 || i + 1 == limit) {
          log.printf(Locale.ROOT, "epoch %d/%d batch %d/%d step %d: loss %.4f (ppl %.2f), %,.0f target tokens/s%n",
              epoch + 1, train.epochs(), i + 1, limit, step, lossSum / tokens, Math.exp(lossSum / tokens),
              tokens / fitSeconds);
        }
      }
      graph.incrementEpochCount();
      double validPerplexity = Evaluation.perplexity(graph, validData, train.batchSize());
      history = history.after(epoch + 1, validPerplexity, train.schedule());
      Checkpoint checkpoint = Checkpoint.write(output, graph,
          new Checkpoint.Progress(epoch + 1, step, lossSum / tokens, validPerplexity, "", history), assetsDirectory,
          resolvedConfiguration);
      double wall = (System.nanoTime() - start) / 1e9;
      log.printf(Locale.ROOT, "epoch %d/%d done: train loss %.4f, validation perplexity %.2f, %.1f s; %s%n",
          epoch + 1, train.epochs(), lossSum / tokens, validPerplexity, wall, checkpoint.directory());
      reports.add(new EpochReport(epoch + 1, step, lossSum / tokens, validPerplexity, tokens / fitSeconds, wall,
          checkpoint.directory()));
      if (train.stopsAfter(epoch + 1, history)) {
        log.println("train: stopping early: " + history.stopReason(epoch + 1));
        break;
      }
    }
    return reports;
  }
}
