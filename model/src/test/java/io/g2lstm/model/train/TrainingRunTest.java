package io.g2lstm.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.fs.LocalFileStore;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.CheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run plan both trainers share, driven by a fitting that records what it is asked to do. */
class TrainingRunTest {

  private static final long SEED = 17;

  @TempDir
  Path dir;

  private Path assets;
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

  @BeforeEach
  void prepare() throws IOException {
    assets = TrainerTest.assets(dir.resolve("data"), 12);
  }

  /** Records the epochs it fits, their batch-order seeds and what {@code train.output} held at each call. */
  private final class RecordingFitting implements TrainingRun.Fitting {

    final List<String> calls = new ArrayList<>();
    final ComputationGraph graph;
    final Optional<Checkpoint> resumedFrom;
    final int failAtEpoch;
    boolean closed;

    RecordingFitting(ComputationGraph graph, Optional<Checkpoint> resumedFrom, int failAtEpoch) {
      this.graph = graph;
      this.resumedFrom = resumedFrom;
      this.failAtEpoch = failAtEpoch;
    }

    @Override
    public ComputationGraph model() {
      return graph;
    }

    @Override
    public TrainingRun.EpochFit fitEpoch(int epoch, long batchOrderSeed) {
      if (epoch == failAtEpoch) {
        throw new IllegalStateException("killed in epoch " + epoch);
      }
      calls.add("fit " + epoch + " order " + batchOrderSeed);
      return new TrainingRun.EpochFit(3, 40, 80.0, 0.5);
    }

    @Override
    public double validationPerplexity(int epoch) {
      calls.add("validate " + epoch);
      return 10.0 - epoch;
    }

    @Override
    public void recordEpoch(TrainingRun.EpochReport report) {
      calls.add("record " + report.epoch() + ", checkpoint written: "
          + Files.exists(Path.of(report.checkpoint()).resolve(Checkpoint.STATE)));
    }

    @Override
    public void addToCheckpoint(Path directory) {
      try {
        Files.writeString(directory.resolve("fitting-state.txt"), "after " + calls.size() + " calls\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final List<RecordingFitting> started = new ArrayList<>();

  private TrainingRun.Outcome run(int epochs, boolean resume, Optional<String> runId, int failAtEpoch) {
    TrainSettings train = new TrainSettings(assets.toString(), dir.resolve("out").toString(), epochs, 16,
        TrainSettings.Optimizer.ADAM, 0.01, LearningRateSchedule.CONSTANT, 2.0, SEED, 0, 1000, 0.1, 0, 0);
    return new TrainingRun(TrainerTest.model(), train, new CheckpointStore(LocalFileStore.INSTANCE,
        train.output()), assets, TrainerTest.CONFIGURATION, new PrintStream(logged, true, StandardCharsets.UTF_8))
        .run(resume, runId, "a test fitting", (id, graph, resumedFrom) -> {
          RecordingFitting fitting = new RecordingFitting(graph, resumedFrom, failAtEpoch);
          started.add(fitting);
          return fitting;
        });
  }

  @Test
  void eachEpochIsFittedValidatedAndRecordedBeforeItsCheckpoint() throws IOException {
    TrainingRun.Outcome outcome = run(2, false, Optional.of("run-a"), 0);

    RecordingFitting fitting = started.get(0);
    assertEquals(List.of(
        "fit 1 order " + TrainingSeeds.batchOrder(SEED, 0), "validate 1", "record 1, checkpoint written: false",
        "fit 2 order " + TrainingSeeds.batchOrder(SEED, 1), "validate 2", "record 2, checkpoint written: false"),
        fitting.calls);
    assertTrue(fitting.closed);
    assertEquals("run-a", outcome.runId());
    assertEquals(List.of(1, 2), outcome.epochs().stream().map(TrainingRun.EpochReport::epoch).toList());
    assertEquals(6, outcome.epochs().get(1).step());
    assertEquals(2.0, outcome.epochs().get(1).trainLoss(), 0.0);

    Checkpoint latest = Checkpoint.latest(dir.resolve("out")).orElseThrow();
    assertEquals(2, latest.state().epoch());
    assertEquals("run-a", latest.state().runId());
    assertEquals(Path.of(outcome.epochs().get(1).checkpoint()), latest.directory());
    assertEquals("after 6 calls\n", Files.readString(latest.directory().resolve("fitting-state.txt")),
        "the fitting's own state is written into each checkpoint");
  }

  @Test
  void aRunContinuesAfterItsLatestCheckpointAndACompleteRunFitsNothing() {
    run(2, false, Optional.of("run-b"), 0);
    TrainingRun.Outcome continued = run(4, false, Optional.of("run-b"), 0);

    RecordingFitting fitting = started.get(1);
    assertEquals(2, fitting.resumedFrom.orElseThrow().state().epoch());
    assertEquals("fit 3 order " + TrainingSeeds.batchOrder(SEED, 2), fitting.calls.get(0));
    assertEquals(List.of(3, 4), continued.epochs().stream().map(TrainingRun.EpochReport::epoch).toList());
    assertEquals(12, continued.epochs().get(1).step(), "steps continue from the checkpoint's");

    TrainingRun.Outcome again = run(4, true, Optional.empty(), 0);
    assertEquals("run-b", again.runId(), "--resume continues the recorded run");
    assertEquals(List.of(), again.epochs());
    assertEquals(2, started.size(), "a complete run starts no fitting");
    assertTrue(logged.toString(StandardCharsets.UTF_8).contains("run run-b already has all 4 epochs"));
  }

  @Test
  void aRunKilledBeforeItsFirstCheckpointStartsAgainUnderItsRecordedId() {
    assertThrows(IllegalStateException.class, () -> run(2, false, Optional.empty(), 1));
    assertTrue(started.get(0).closed, "a failed run still closes its fitting");
    assertTrue(Checkpoint.latest(dir.resolve("out")).isEmpty());
    String recorded = new CheckpointStore(LocalFileStore.INSTANCE, dir.resolve("out").toString()).recordedRunId()
        .orElseThrow();
    assertTrue(recorded.startsWith("test-"), recorded);

    TrainingRun.Outcome restarted = run(2, true, Optional.empty(), 0);
    assertEquals(recorded, restarted.runId());
    assertFalse(started.get(1).resumedFrom.isPresent());
    assertEquals(2, restarted.epochs().size());
  }
}
