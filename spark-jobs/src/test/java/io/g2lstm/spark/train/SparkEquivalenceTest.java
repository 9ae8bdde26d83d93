package io.g2lstm.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.Directories;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.ValidationHistory;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.model.train.GlobalNormClipping;
import io.g2lstm.model.train.TrainSettings;
import io.g2lstm.model.train.Trainer;
import io.g2lstm.results.TrainingMetrics;
import io.g2lstm.spark.SparkSessions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Parameter averaging against single-process training: one worker fits each epoch in one round, whatever the
 * averaging frequency, and it is the same computation (same parameters after the same minibatches, G² noise
 * included); with two workers and block momentum it learns about as well per epoch, and resumes exactly.
 */
class SparkEquivalenceTest {

  private static SparkSession spark;
  private static Path work;

  @TempDir
  Path run;

  @BeforeAll
  static void start() {
    spark = SparkSessions.open("equivalence-test", Optional.of("local[2]"));
    work = TrainingFixture.work(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** What the workers fitted, in order (local mode: the workers run in this JVM). */
  private static final List<MultiDataSet> FITTED = Collections.synchronizedList(new ArrayList<>());
  /** The replicas that fitted them: deeplearning4j-spark makes a new one for every round. */
  private static final Set<Model> REPLICAS = Collections.synchronizedSet(
      Collections.newSetFromMap(new IdentityHashMap<>()));
  /** How many minibatches each replica fitted, the replicas in the order they started. */
  private static final Map<Model, Integer> REPLICA_MINIBATCHES = Collections.synchronizedMap(new IdentityHashMap<>());
  private static final List<Model> REPLICA_ORDER = Collections.synchronizedList(new ArrayList<>());

  private static final class Recorder implements TrainingHook {
    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
      FITTED.add(((org.nd4j.linalg.dataset.MultiDataSet) minibatch).copy());
      if (REPLICAS.add(model)) {
        REPLICA_ORDER.add(model);
      }
      REPLICA_MINIBATCHES.merge(model, 1, Integer::sum);
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {}

    @Override
    public void preUpdate(DataSet minibatch, Model model) {}

    @Override
    public void postUpdate(DataSet minibatch, Model model) {}
  }

  @Test
  void oneWorkerFitsAnEpochInOneRoundAndEqualsSingleProcessTraining() {
    // Two epochs with a warm-up across them and a decay from the second: the rates reach the workers.
    Map<String, Object> schedule = Map.of("train.learning-rate-schedule.warmup-steps", 8,
        "train.learning-rate-schedule.decay", 0.5, "train.learning-rate-schedule.start-epoch", 2);
    Map<String, Object> settings = new HashMap<>(schedule);
    settings.putAll(Map.of("train.epochs", 2, "train.max-batches-per-epoch", 6, "train.spark.workers", 1,
        "train.spark.averaging-frequency", 1));
    SettingsReader config = TrainingFixture.configuration(work, run, settings);
    FITTED.clear();
    REPLICAS.clear();
    TrainingFixture.trainer(spark, config, quiet()).withHook(new Recorder()).run(false, Optional.of("one"));
    ComputationGraph spark = Checkpoint.latest(run.resolve("train")).orElseThrow().loadModel();
    assertEquals(12, FITTED.size());
    assertEquals(2, REPLICAS.size(), "rounds in 2 epochs of one worker, averaging-frequency 1");

    SettingsReader again = TrainingFixture.configuration(work, run, schedule);
    TrainSettings train = TrainSettings.from(again);
    ComputationGraph local = Trainer.newModel(ModelSettings.from(again), train,
        TranslationAssets.load(work.resolve("prepared")));
    local.setListeners(new GlobalNormClipping(train.clipNorm()));
    for (int i = 0; i < FITTED.size(); i++) {
      if (i % 6 == 0) {
        if (i > 0) {
          local.incrementEpochCount(); // as the trainers do: the G2 noise keys on it
        }
        train.startEpoch(local, i / 6 + 1, ValidationHistory.NONE);
      }
      local.fit(FITTED.get(i));
    }
    INDArray difference = spark.params().sub(local.params());
    double largest = difference.amaxNumber().doubleValue();
    assertTrue(largest < 1e-5, "largest parameter difference " + largest);
    assertEquals(12, spark.getIterationCount(), "the averaged model continues the iteration count");
    assertTrue(local.params().sub(Trainer.newModel(ModelSettings.from(again), train,
        TranslationAssets.load(work.resolve("prepared"))).params()).amaxNumber().doubleValue() > 1e-3,
        "training moved the parameters");
  }

  /**
   * Two workers fit every minibatch of an epoch exactly once. deeplearning4j-spark alone made floor(24 / (2 x 5)) = 2
   * rounds of 12 and let each worker fit at most 5 of its 6: 4 of the 24 were left out. The averaged model continues
   * from the replicas' iteration count: after each round, the largest count a replica of the round reached.
   */
  @Test
  void twoWorkersFitEveryMinibatchOfTheEpochOnce() {
    Map<String, Object> settings = Map.of("train.epochs", 1, "train.max-batches-per-epoch", 24,
        "train.spark.averaging-frequency", 5);
    List<MultiDataSet> epoch = fitted(run.resolve("one"), settings, 1);
    assertEquals(24, epoch.size(), "one worker fits the whole epoch");
    List<MultiDataSet> twoWorkers = fitted(run.resolve("two"), settings, 2);
    assertEquals(24, twoWorkers.size());
    for (MultiDataSet minibatch : epoch) {
      long times = twoWorkers.stream().filter(other -> sameMinibatch(minibatch, other)).count();
      assertEquals(1, times, "times two workers fitted one of the epoch's minibatches");
    }
    List<Integer> perReplica = REPLICA_ORDER.stream().map(REPLICA_MINIBATCHES::get).toList();
    assertEquals(6, perReplica.size(), "3 rounds of 2 replicas: " + perReplica);
    int iterations = 0;
    for (int round = 0; round < 3; round++) {
      assertTrue(perReplica.get(2 * round) <= 5 && perReplica.get(2 * round + 1) <= 5, perReplica.toString());
      iterations += Math.max(perReplica.get(2 * round), perReplica.get(2 * round + 1));
    }
    assertEquals(iterations, Checkpoint.latest(run.resolve("two").resolve("train")).orElseThrow().loadModel()
        .getIterationCount());
  }

  private List<MultiDataSet> fitted(Path output, Map<String, Object> settings, int workers) {
    Map<String, Object> all = new HashMap<>(settings);
    all.put("train.spark.workers", workers);
    FITTED.clear();
    REPLICAS.clear();
    REPLICA_MINIBATCHES.clear();
    REPLICA_ORDER.clear();
    TrainingFixture.trainer(spark, TrainingFixture.configuration(work, output, all), quiet()).withHook(new Recorder())
        .run(false, Optional.of("workers-" + workers));
    return new ArrayList<>(FITTED);
  }

  private static boolean sameMinibatch(MultiDataSet a, MultiDataSet b) {
    return a.getFeatures(0).equals(b.getFeatures(0)) && a.getFeatures(1).equals(b.getFeatures(1))
        && a.getLabels(0).equals(b.getLabels(0));
  }

  /**
   * The same configuration, data and run id into two fresh outputs gives the same model and the same figures, bit
   * for bit: minibatches reach the same workers in the same order, dropout and G² noise draw the same streams, and
   * sums are taken in the same order. Three workers, because the sum of two replicas is the same in either order.
   */
  @Test
  void threeWorkersReproduceARunExactly() {
    Map<String, Object> settings = Map.of("train.spark.workers", 3, "train.epochs", 2, "train.max-batches-per-epoch",
        24, "train.spark.averaging-frequency", 3, "model.dropout", 0.3);
    List<SparkTrainer.Result> results = new ArrayList<>();
    List<float[]> parameters = new ArrayList<>();
    for (String output : List.of("first", "second")) {
      SettingsReader config = TrainingFixture.configuration(work, run.resolve(output), settings);
      results.add(TrainingFixture.trainer(spark, config, quiet()).run(false, Optional.of("reproduced")));
      parameters.add(Checkpoint.latest(run.resolve(output).resolve("train")).orElseThrow().loadModel().params()
          .data().asFloat());
    }
    assertArrayEquals(parameters.get(0), parameters.get(1));
    for (int epoch = 0; epoch < 2; epoch++) {
      TrainingMetrics a = results.get(0).metrics().get(epoch);
      TrainingMetrics b = results.get(1).metrics().get(epoch);
      assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "train loss of epoch " + (epoch + 1));
      assertEquals(a.validPerplexity(), b.validPerplexity(), 0.0, "perplexity of epoch " + (epoch + 1));
      assertEquals(a.step(), b.step());
    }
  }

  /**
   * Plain averaging of two replicas that each saw half a round's minibatches moves the model about as far as one
   * replica's share does; block momentum (the default) makes up much of it. (On this tiny model after 2 epochs: one
   * worker 104, two workers plain 177, block momentum 138; plain needs 4 epochs to reach 100.)
   */
  @Test
  void blockMomentumLearnsMorePerEpochThanPlainAveraging() {
    double plain = finalPerplexity(2, "plain", run.resolve("plain"));
    double block = finalPerplexity(2, "block-momentum", run.resolve("block"));
    System.out.printf("validation perplexity after 2 epochs of 2 workers: plain averaging %.2f, block momentum "
        + "%.2f%n", plain, block);
    assertTrue(block < 0.9 * plain, "2 workers: block momentum " + block + ", plain averaging " + plain);
  }

  private double finalPerplexity(int workers, String averaging, Path output) {
    SettingsReader config = TrainingFixture.configuration(work, output, Map.of("train.spark.workers", workers,
        "train.epochs", 2, "train.spark.averaging-frequency", 2, "train.spark.averaging", averaging));
    List<TrainingMetrics> metrics = TrainingFixture.trainer(spark, config, quiet())
        .run(false, Optional.of("workers-" + workers)).metrics();
    return metrics.get(metrics.size() - 1).validPerplexity();
  }

  /**
   * A run of two workers killed after its first epoch's checkpoint and resumed ends with the same model as an
   * uninterrupted run, bit for bit: the block update is in the checkpoint. Without it the resumed run differs.
   */
  @Test
  void blockMomentumResumesExactlyFromACheckpoint() throws Exception {
    Map<String, Object> settings = Map.of("train.spark.workers", 2, "train.epochs", 2, "train.max-batches-per-epoch",
        12, "train.spark.averaging-frequency", 2);
    float[] uninterrupted = trainedParameters(run.resolve("straight"), settings, false);
    Path killed = run.resolve("killed");
    trainedParameters(killed, settings, false);
    Path checkpoints = killed.resolve("train").resolve(Checkpoint.DIRECTORY);
    assertTrue(Files.isRegularFile(checkpoints.resolve("epoch-001").resolve(BlockMomentum.FILE)));
    forgetSecondEpoch(checkpoints);
    assertArrayEquals(uninterrupted, trainedParameters(killed, settings, true));
    forgetSecondEpoch(checkpoints);
    Files.delete(checkpoints.resolve("epoch-001").resolve(BlockMomentum.FILE));
    assertFalse(Arrays.equals(uninterrupted, trainedParameters(killed, settings, true)),
        "resumed without the block update");
  }

  private float[] trainedParameters(Path output, Map<String, Object> settings, boolean resume) {
    TrainingFixture.trainer(spark, TrainingFixture.configuration(work, output, settings), quiet())
        .run(resume, Optional.of("resumed"));
    return Checkpoint.latest(output.resolve("train")).orElseThrow().loadModel().params().data().asFloat();
  }

  /** What a run killed after its first checkpoint leaves: {@code latest} names epoch 1, epoch 2 is not there. */
  private static void forgetSecondEpoch(Path checkpoints) throws Exception {
    Directories.deleteTree(checkpoints.resolve("epoch-002"));
    Files.writeString(checkpoints.resolve(Checkpoint.LATEST), "epoch-001\n");
    if (Files.readString(checkpoints.resolve(Checkpoint.BEST)).strip().equals("epoch-002")) {
      Files.writeString(checkpoints.resolve(Checkpoint.BEST), "epoch-001\n");
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
