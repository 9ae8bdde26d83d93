package io.g2lstm.prep.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntHashMapTest {

  @Test
  void agreesWithHashMapUnderMixedOperations() {
    Random random = new Random(5);
    LongIntHashMap map = new LongIntHashMap(4);
    Map<Long, Integer> reference = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      // Few distinct keys, so probe runs collide and removals shift entries back.
      long key = ((long) random.nextInt(64) << 32) | random.nextInt(512);
      switch (random.nextInt(4)) {
        case 0 -> {
          int delta = random.nextInt(5) - 2;
          boolean absent = !reference.containsKey(key);
          assertEquals(absent, map.addTo(key, delta));
          reference.merge(key, delta, Integer::sum);
        }
        case 1 -> {
          map.remove(key);
          reference.remove(key);
        }
        case 2 -> {
          map.putIfAbsent(key, step);
          reference.putIfAbsent(key, step);
        }
        default -> assertEquals(reference.getOrDefault(key, -7), map.get(key, -7));
      }
    }
    assertEquals(reference.size(), map.size());
    reference.forEach((key, value) -> assertEquals(value, map.get(key, -7)));
  }
}
