package io.g2lstm.prep.bpe;

import java.util.Arrays;

/**
 * An open-addressing hash map from non-negative {@code long} keys to {@code int} values, without boxing:
 * the pair tables of BPE learning and application. Linear probing; removal shifts entries back so that no
 * tombstones pile up.
 */
final class LongIntHashMap {

  private static final long EMPTY = -1L;

  private long[] keys;
  private int[] values;
  private int mask;
  private int shift;
  private int size;

  LongIntHashMap(int expectedSize) {
    int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
    allocate(capacity);
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or {@code missing} if it is absent. */
  int get(long key, int missing) {
    int slot = home(key);
    while (true) {
      long k = keys[slot];
      if (k == key) {
        return values[slot];
      }
      if (k == EMPTY) {
        return missing;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Sets {@code key} to {@code value}. */
  void put(long key, int value) {
    int slot = findOrInsert(key);
    values[slot] = value;
  }

  /** Sets {@code key} to {@code value} unless it is present already. */
  void putIfAbsent(long key, int value) {
    int before = size;
    int slot = findOrInsert(key);
    if (size != before) {
      values[slot] = value;
    }
  }

  /** Adds {@code delta} to the value of {@code key} (absent counts as 0); true if the key was absent. */
  boolean addTo(long key, int delta) {
    int before = size;
    int slot = findOrInsert(key);
    values[slot] += delta;
    return size != before;
  }

  /** Removes {@code key} if present. */
  void remove(long key) {
    int slot = home(key);
    while (keys[slot] != key) {
      if (keys[slot] == EMPTY) {
        return;
      }
      slot = (slot + 1) & mask;
    }
    // Shift later members of the probe run back into the gap, so lookups never stop early.
    int gap = slot;
    int next = gap;
    while (true) {
      next = (next + 1) & mask;
      long k = keys[next];
      if (k == EMPTY) {
        break;
      }
      int wanted = home(k);
      boolean reachable = gap <= next ? wanted > gap && wanted <= next : wanted > gap || wanted <= next;
      if (!reachable) {
        keys[gap] = k;
        values[gap] = values[next];
        gap = next;
      }
    }
    keys[gap] = EMPTY;
    values[gap] = 0;
    size--;
  }

  private int findOrInsert(long key) {
    int slot = home(key);
    while (true) {
      long k = keys[slot];
      if (k == key) {
        return slot;
      }
      if (k == EMPTY) {
        if (size + 1 > (mask + 1) >> 1) {
          grow();
          return findOrInsert(key);
        }
        keys[slot] = key;
        values[slot] = 0;
        size++;
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int home(long key) {
    // Fibonacci hashing: the high bits of the product depend on every bit of the key.
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    allocate(oldKeys.length << 1);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = home(oldKeys[i]);
        while (keys[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    values = new int[capacity];
    mask = capacity - 1;
    shift = Long.numberOfLeadingZeros(capacity) + 1;
  }
}
