package io.g2lstm.prep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.g2lstm.common.ConfigurationException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LengthFilterTest {

  private final LengthFilter filter = new LengthFilter(2, 64, 3.0);

  @Test
  void keepsPairsWithinBounds() {
    assertEquals(Optional.empty(), filter.check(2, 6));
    assertEquals(Optional.empty(), filter.check(64, 64));
  }

  @Test
  void namesTheReason() {
    assertEquals(Optional.of(DropReason.TOO_SHORT), filter.check(1, 1));
    assertEquals(Optional.of(DropReason.TOO_LONG), filter.check(65, 60));
    assertEquals(Optional.of(DropReason.LENGTH_RATIO), filter.check(3, 10));
  }

  @Test
  void rejectsImpossibleBounds() {
    assertThrows(ConfigurationException.class, () -> new LengthFilter(10, 5, 2.0));
    assertThrows(ConfigurationException.class, () -> new LengthFilter(1, 5, 0.5));
  }

  @Test
  void shardLayoutIsStableAndSortsByLength() {
    ShardLayout layout = new ShardLayout(8);
    assertEquals(layout.shardOf(12345L), new ShardLayout(8).shardOf(12345L));
    ShardLayout.Key shortPair = new ShardLayout.Key(0, 3, 9, 99);
    ShardLayout.Key longPair = new ShardLayout.Key(0, 4, 1, 1);
    assertEquals(-1, Integer.signum(shortPair.compareTo(longPair)));
    int[] perShard = new int[8];
    for (long id = 0; id < 8000; id++) {
      perShard[layout.shardOf(id)]++;
    }
    for (int count : perShard) {
      assertEquals(1000, count, 150, "shards are roughly even");
    }
  }
}
