package io.g2lstm.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinibatchesTest {

  private static ParallelIds pairs(int n) {
    long[] ids = new long[n];
    int[][] source = new int[n][];
    int[][] target = new int[n][];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
      source[i] = new int[1 + i % 7];
      target[i] = new int[1 + (i * 3) % 11];
    }
    return new ParallelIds(ids, source, target);
  }

  @Test
  void planCutsEveryPairOnceWithAShortLastBatch() {
    List<int[]> batches = Minibatches.plan(pairs(37), 8, 3);
    assertEquals(5, batches.size());
    assertEquals(37, batches.stream().mapToInt(b -> b.length).sum());
  }

  @Test
  void fullPlansCoverEveryPairWithBatchesOfExactlyTheSize() {
    ParallelIds data = pairs(37);
    List<int[]> batches = Minibatches.planFull(data, 8, 3);
    assertEquals(5, batches.size());
    BitSet seen = new BitSet();
    for (int[] batch : batches) {
      assertEquals(8, batch.length);
      for (int i : batch) {
        seen.set(i);
      }
      // Length-bucketed: a batch spans few target lengths.
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int i : batch) {
        min = Math.min(min, data.target()[i].length);
        max = Math.max(max, data.target()[i].length);
      }
      assertTrue(max - min <= 3, "lengths " + min + ".." + max);
    }
    assertEquals(37, seen.cardinality());
  }

  @Test
  void fullPlansRepeatDataSmallerThanOneBatch() {
    List<int[]> batches = Minibatches.planFull(pairs(3), 8, 3);
    assertEquals(1, batches.size());
    assertEquals(8, batches.get(0).length);
    assertEquals(3, java.util.Arrays.stream(batches.get(0)).distinct().count());
  }
}
