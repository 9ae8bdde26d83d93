package io.g2lstm.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.common.SettingsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The BMUF update against hand-worked rounds, its warm-up, its checkpoint file and its settings. */
class BlockMomentumTest {

  @TempDir
  Path directory;

  private static final Averaging NESTEROV = new Averaging(Averaging.Method.BLOCK_MOMENTUM, 0.5, 1, true, 0);
  private static final Averaging CLASSICAL = new Averaging(Averaging.Method.BLOCK_MOMENTUM, 0.5, 1, false, 0);

  /** A round in which every replica moves each parameter by {@code step}: their average is start + step. */
  private static float[] round(BlockMomentum filter, INDArray parameters, float step) {
    filter.startRound(parameters);
    float[] start = parameters.toFloatVector();
    parameters.addi(step);
    filter.finishRound(parameters);
    return start;
  }

  private static INDArray vector(float... values) {
    return Nd4j.createFromArray(values).reshape(1, values.length);
  }

  @Test
  void nesterovRoundsStartFromTheLookAheadAndAccumulateTheBlockUpdate() {
    INDArray parameters = vector(0, 10);
    BlockMomentum filter = BlockMomentum.start(NESTEROV, parameters);
    // Round 1 starts from W = 0; the replicas move +1: G = 1, Delta = 1, W = 1.
    assertArrayEquals(new float[] {0, 10}, round(filter, parameters, 1));
    assertArrayEquals(new float[] {1, 11}, parameters.toFloatVector());
    // Round 2 starts from W + mu Delta = 1.5; the replicas move +1: G = 1, Delta = 0.5 + 1 = 1.5, W = 2.5.
    assertArrayEquals(new float[] {1.5f, 11.5f}, round(filter, parameters, 1));
    assertArrayEquals(new float[] {2.5f, 12.5f}, parameters.toFloatVector());
    // Round 3 starts from 2.5 + 0.75; replicas that do not move give G = 0: Delta = 0.75, W = 3.25 (momentum
    // coasts on).
    assertArrayEquals(new float[] {3.25f, 13.25f}, round(filter, parameters, 0));
    assertArrayEquals(new float[] {3.25f, 13.25f}, parameters.toFloatVector());
    assertEquals(3, filter.rounds());
  }

  @Test
  void classicalRoundsStartFromTheFilteredModel() {
    INDArray parameters = vector(0);
    BlockMomentum filter = BlockMomentum.start(CLASSICAL, parameters);
    assertArrayEquals(new float[] {0}, round(filter, parameters, 1));
    // Round 2 starts from W = 1: G = 1, Delta = 0.5 + 1, W = 2.5.
    assertArrayEquals(new float[] {1}, round(filter, parameters, 1));
    assertArrayEquals(new float[] {2.5f}, parameters.toFloatVector());
  }

  @Test
  void theBlockLearningRateScalesTheBlockGradient() {
    INDArray parameters = vector(0);
    BlockMomentum filter = BlockMomentum.start(new Averaging(Averaging.Method.BLOCK_MOMENTUM, 0, 0.5, true, 0),
        parameters);
    round(filter, parameters, 2);
    assertArrayEquals(new float[] {1}, parameters.toFloatVector());
  }

  @Test
  void warmUpRoundsAverageFirst() {
    INDArray parameters = vector(0);
    BlockMomentum filter = BlockMomentum.start(new Averaging(Averaging.Method.BLOCK_MOMENTUM, 0.5, 1, true, 2),
        parameters);
    round(filter, parameters, 1);
    assertArrayEquals(new float[] {1}, round(filter, parameters, 1), "no look-ahead while warming up");
    assertArrayEquals(new float[] {2}, parameters.toFloatVector(), "the plain average while warming up");
    // The first filtered round: Delta = 0 + 1, W = 3; the next starts from 3.5.
    round(filter, parameters, 1);
    assertArrayEquals(new float[] {3}, parameters.toFloatVector());
    assertArrayEquals(new float[] {3.5f}, round(filter, parameters, 0));
  }

  @Test
  void aResumedFilterContinuesExactly() {
    INDArray uninterrupted = vector(0.1f, -0.2f, 0.3f);
    BlockMomentum straight = BlockMomentum.start(NESTEROV, uninterrupted);
    INDArray checkpointed = uninterrupted.dup();
    BlockMomentum first = BlockMomentum.start(NESTEROV, checkpointed);
    for (float step : new float[] {0.3f, -0.1f}) {
      round(straight, uninterrupted, step);
      round(first, checkpointed, step);
    }
    first.write(directory);
    BlockMomentum resumed = BlockMomentum.resume(NESTEROV, checkpointed, directory, "epoch-001").orElseThrow();
    assertEquals(2, resumed.rounds());
    for (float step : new float[] {0.7f, 0.2f}) {
      assertArrayEquals(round(straight, uninterrupted, step), round(resumed, checkpointed, step));
    }
    assertArrayEquals(uninterrupted.toFloatVector(), checkpointed.toFloatVector());
  }

  @Test
  void aCheckpointWithoutStateHasNoneToResume() {
    assertTrue(BlockMomentum.resume(NESTEROV, vector(1), directory, "epoch-001").isEmpty());
  }

  @Test
  void damagedOrMismatchedStateIsABadDataError() throws IOException {
    BlockMomentum.start(NESTEROV, vector(1, 2)).write(directory);
    DataException other = assertThrows(DataException.class,
        () -> BlockMomentum.resume(NESTEROV, vector(1, 2, 3), directory, "ckpt/epoch-002"));
    assertEquals("ckpt/epoch-002/block-momentum.bin: expected a block update of 3 FLOAT values (the model's "
        + "parameters), found 2 FLOAT values", other.getMessage());
    Path file = directory.resolve(BlockMomentum.FILE);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
    DataException truncated = assertThrows(DataException.class,
        () -> BlockMomentum.resume(NESTEROV, vector(1, 2), directory, "ckpt/epoch-002"));
    assertTrue(truncated.getMessage().startsWith("ckpt/epoch-002/block-momentum.bin: expected a block-momentum "
        + "state, found one that cannot be read"), truncated.getMessage());
  }

  @Test
  void settingsDefaultToChenAndHuosMomentumAndNameTheirKeys() {
    assertEquals(0.5, settings(2, Map.of()).momentum(), 1e-12);
    assertEquals(0.875, settings(8, Map.of()).momentum(), 1e-12);
    Averaging chosen = settings(4, Map.of("train.spark.block-momentum.momentum", 0.6,
        "train.spark.block-momentum.warmup-rounds", 3));
    assertEquals(new Averaging(Averaging.Method.BLOCK_MOMENTUM, 0.6, 1, true, 3), chosen);
    assertEquals(Averaging.PLAIN, settings(4, Map.of("train.spark.averaging", "plain")));
    assertTrue(new Averaging(Averaging.Method.BLOCK_MOMENTUM, 0, 1, true, 0).isPlain());
    ConfigurationException error = assertThrows(ConfigurationException.class,
        () -> settings(2, Map.of("train.spark.block-momentum.momentum", 1.0)));
    assertTrue(error.getMessage().contains("train.spark.block-momentum.momentum"), error.getMessage());
  }

  private static Averaging settings(int workers, Map<String, Object> overrides) {
    Map<String, Object> all = new HashMap<>(overrides);
    all.put("train.spark.workers", workers);
    return SparkTrainSettings.from(SettingsReader.parse("", "test", all)).averaging();
  }
}
