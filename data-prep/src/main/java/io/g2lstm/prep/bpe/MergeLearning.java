package io.g2lstm.prep.bpe;

import io.g2lstm.common.PythonStrings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run of subword-nmt's {@code learn_bpe} merge loop over a fixed vocabulary, with the same data structures
 * and therefore the same choices: {@code stats} (the pruned working set of pair frequencies), {@code big_stats}
 * (the full statistics kept for pruned pairs), {@code indices} (pair to word to occurrence count) and the
 * threshold heuristics. Python's quirks are kept on purpose, because they can change which pair wins: a pruned
 * pair that gains occurrences reappears in {@code stats} with only the gain; a merge whose result equals an
 * existing symbol also counts the old copies of that symbol; words holding non-space whitespace are merged by
 * the same regular expression as in Python. Symbols and pairs are interned to ints for speed.
 */
final class MergeLearning {

  static final String END_OF_WORD = "</w>";

  // Equal strings share one id whichever merges built them, as equal tuples do in Python.
  private final SymbolTable symbols = new SymbolTable();

  private final int[][] words;
  private final long[] wordCounts;
  private final boolean[] wordHasSpace;

  private final LongIntHashMap pairIds = new LongIntHashMap(1 << 16);
  private int pairCount;
  private int[] pairLeft = new int[1 << 14];
  private int[] pairRight = new int[1 << 14];

  // stats: the pairs present, densely, so that finding the maximum is a linear scan.
  private int[] statsSlotOfPair = new int[1 << 14];
  private int[] statsPairs = new int[1 << 14];
  private long[] statsFrequencies = new long[1 << 14];
  private int statsSize;

  // big_stats
  private long[] bigFrequencies = new long[1 << 14];
  private boolean[] inBigStats = new boolean[1 << 14];

  // indices: occurrence counts per (pair, word), and per pair a linked list of the words that have an entry.
  private final LongIntHashMap occurrences = new LongIntHashMap(1 << 18);
  private int[] indexHead = new int[1 << 14];
  private int[] nodeWord = new int[1 << 16];
  private int[] nodeNext = new int[1 << 16];
  private int nodeCount;

  private int[] changedWords = new int[1 << 10];
  private int[][] changedOldWords = new int[1 << 10][];

  private final int characterSymbolCount;

  /**
   * @param wordStrings distinct words without spaces, each with at least one character
   * @param counts their frequencies
   */
  MergeLearning(String[] wordStrings, long[] counts) {
    int wordTotal = wordStrings.length;
    words = new int[wordTotal][];
    wordCounts = counts.clone();
    wordHasSpace = new boolean[wordTotal];
    for (int w = 0; w < wordTotal; w++) {
      words[w] = initialSymbols(wordStrings[w]);
      wordHasSpace[w] = PythonText.containsSpace(wordStrings[w]);
    }
    characterSymbolCount = countCharacterSymbols();
    for (int w = 0; w < wordTotal; w++) {
      int[] word = words[w];
      for (int i = 1; i < word.length; i++) {
        int pair = pairId(word[i - 1], word[i]);
        statsAdd(pair, wordCounts[w]);
        indexAdd(pair, w, 1);
      }
    }
    for (int k = 0; k < statsSize; k++) {
      bigFrequencies[statsPairs[k]] = statsFrequencies[k];
      inBigStats[statsPairs[k]] = true;
    }
  }

  /**
   * The distinct word-internal characters plus the distinct word-final characters (with {@code </w>}): what
   * {@code --total-symbols} subtracts from the number of merges.
   */
  int characterSymbolCount() {
    return characterSymbolCount;
  }

  /** Runs the merge loop; may be called once. Returns the merges in the order learned. */
  List<BpeCodes.Merge> learn(int numSymbols, long minFrequency) {
    List<BpeCodes.Merge> merges = new ArrayList<>();
    if (statsSize == 0 || numSymbols <= 0) {
      return merges;
    }
    // The threshold is a speed heuristic from a Zipfian assumption, but it decides what max() sees.
    double threshold = statsFrequencies[argmaxSlot()] / 10.0;
    int best = -1;
    for (int i = 0; i < numSymbols; i++) {
      if (statsSize > 0) {
        best = statsPairs[argmaxSlot()];
      }
      if (statsSize == 0 || (i > 0 && statsGet(best) < threshold)) {
        // The best pair may have been pruned: go back to the full statistics.
        prune(threshold);
        reloadFromBigStats();
        if (statsSize == 0) {
          break;
        }
        best = statsPairs[argmaxSlot()];
        threshold = (double) (statsGet(best) * i) / (i + 10000.0);
        prune(threshold);
      }
      if (statsGet(best) < minFrequency) {
        break;
      }
      merges.add(new BpeCodes.Merge(symbols.symbol(pairLeft[best]), symbols.symbol(pairRight[best])));
      mergePair(best);
      statsPut(best, 0);
      if (i % 100 == 0) {
        prune(threshold);
      }
    }
    return merges;
  }

  private int[] initialSymbols(String word) {
    int[] result = new int[word.codePointCount(0, word.length())];
    int k = 0;
    int i = 0;
    while (i < word.length()) {
      int next = word.offsetByCodePoints(i, 1);
      result[k++] = symbols.intern(next == word.length() ? word.substring(i) + END_OF_WORD
          : word.substring(i, next));
      i = next;
    }
    return result;
  }

  private int countCharacterSymbols() {
    boolean[] internal = new boolean[symbols.size()];
    boolean[] last = new boolean[symbols.size()];
    int count = 0;
    for (int[] word : words) {
      for (int i = 0; i < word.length - 1; i++) {
        if (!internal[word[i]]) {
          internal[word[i]] = true;
          count++;
        }
      }
      if (!last[word[word.length - 1]]) {
        last[word[word.length - 1]] = true;
        count++;
      }
    }
    return count;
  }

  /** Python's {@code max(stats, key=lambda x: (stats[x], x))}: highest frequency, then greatest pair. */
  private int argmaxSlot() {
    int bestSlot = 0;
    long bestFrequency = statsFrequencies[0];
    for (int k = 1; k < statsSize; k++) {
      long frequency = statsFrequencies[k];
      if (frequency > bestFrequency
          || (frequency == bestFrequency && comparePairs(statsPairs[k], statsPairs[bestSlot]) > 0)) {
        bestSlot = k;
        bestFrequency = frequency;
      }
    }
    return bestSlot;
  }

  /** Compares pairs as Python compares tuples of strings: code point by code point. */
  private int comparePairs(int a, int b) {
    if (pairLeft[a] != pairLeft[b]) {
      return PythonStrings.compareCodePoints(symbols.symbol(pairLeft[a]), symbols.symbol(pairLeft[b]));
    }
    return PythonStrings.compareCodePoints(symbols.symbol(pairRight[a]), symbols.symbol(pairRight[b]));
  }

  /** {@code replace_pair} followed by {@code update_pair_statistics}. */
  private void mergePair(int pair) {
    int left = pairLeft[pair];
    int right = pairRight[pair];
    int merged = symbols.intern(symbols.symbol(left) + symbols.symbol(right));
    int changedCount = 0;
    for (int node = indexHead[pair]; node >= 0; node = nodeNext[node]) {
      int w = nodeWord[node];
      if (occurrences.get(occurrenceKey(pair, w), 0) < 1) {
        continue;
      }
      int[] oldWord = words[w];
      words[w] = wordHasSpace[w]
          ? mergeAsPythonRegex(oldWord, left, right)
          : mergeSymbols(oldWord, left, right, merged);
      if (changedCount == changedWords.length) {
        changedWords = Arrays.copyOf(changedWords, changedCount * 2);
        changedOldWords = Arrays.copyOf(changedOldWords, changedCount * 2);
      }
      changedWords[changedCount] = w;
      changedOldWords[changedCount] = oldWord;
      changedCount++;
    }
    statsPut(pair, 0);
    resetIndex(pair);
    for (int c = 0; c < changedCount; c++) {
      int w = changedWords[c];
      updateStatistics(w, changedOldWords[c], words[w], wordCounts[w], left, right, merged);
      changedOldWords[c] = null;
    }
  }

  /** Merges every non-overlapping occurrence of (left, right), left to right. */
  private static int[] mergeSymbols(int[] word, int left, int right, int merged) {
    int[] result = new int[word.length];
    int length = 0;
    int i = 0;
    while (i < word.length) {
      if (i + 1 < word.length && word[i] == left && word[i + 1] == right) {
        result[length++] = merged;
        i += 2;
      } else {
        result[length++] = word[i++];
      }
    }
    return length == result.length ? result : Arrays.copyOf(result, length);
  }

  /**
   * The merge as Python performs it: {@code re.sub(r'(?<!\S)' + escape(left + ' ' + right) + r'(?!\S)', ...)}
   * on the space-joined symbols, then {@code split(' ')}. For words without whitespace characters this equals
   * {@link #mergeSymbols}; with them, a match may begin or end inside a symbol.
   */
  private int[] mergeAsPythonRegex(int[] word, int left, int right) {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < word.length; i++) {
      if (i > 0) {
        joined.append(' ');
      }
      joined.append(symbols.symbol(word[i]));
    }
    String text = joined.toString();
    String target = symbols.symbol(left) + " " + symbols.symbol(right);
    String replacement = symbols.symbol(left) + symbols.symbol(right);
    StringBuilder replaced = new StringBuilder(text.length());
    int copied = 0;
    int p = 0;
    while (p + target.length() <= text.length()) {
      int end = p + target.length();
      if (text.startsWith(target, p)
          && (p == 0 || PythonStrings.isSpace(text.charAt(p - 1)))
          && (end == text.length() || PythonStrings.isSpace(text.charAt(end)))) {
        replaced.append(text, copied, p).append(replacement);
        p = end;
        copied = end;
      } else {
        p++;
      }
    }
    replaced.append(text, copied, text.length());
    String[] parts = replaced.toString().split(" ", -1);
    int[] result = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      result[i] = symbols.intern(parts[i]);
    }
    return result;
  }

  /** {@code update_pair_statistics} for one changed word, including its double counting. */
  private void updateStatistics(int w, int[] oldWord, int[] newWord, long count, int left, int right, int merged) {
    int n = oldWord.length;
    int i = 0;
    while (true) {
      while (i < n && oldWord[i] != left) {
        i++;
      }
      if (i >= n) {
        break;
      }
      if (i < n - 1 && oldWord[i + 1] == right) {
        // In "A B C", merging "B C" removes "A B".
        if (i > 0) {
          int previous = pairId(oldWord[i - 1], oldWord[i]);
          statsAdd(previous, -count);
          indexAdd(previous, w, -1);
        }
        // Merging "B C" in "A B C B" removes "C B", unless in "A B C B C" where the step above counts it.
        if (i < n - 2) {
          if (oldWord[i + 2] != left || i >= n - 3 || oldWord[i + 3] != right) {
            int following = pairId(oldWord[i + 1], oldWord[i + 2]);
            statsAdd(following, -count);
            indexAdd(following, w, -1);
          }
        }
        i += 2;
      } else {
        i++;
      }
    }
    int m = newWord.length;
    for (i = 0; i < m; i++) {
      if (newWord[i] != merged) {
        continue;
      }
      if (i > 0) {
        int previous = pairId(newWord[i - 1], newWord[i]);
        statsAdd(previous, count);
        indexAdd(previous, w, 1);
      }
      // In "A BC BC" the pair "BC BC" is counted once, by the step above at the second "BC".
      if (i < m - 1 && newWord[i + 1] != merged) {
        int following = pairId(newWord[i], newWord[i + 1]);
        statsAdd(following, count);
        indexAdd(following, w, 1);
      }
    }
  }

  /** {@code prune_stats}: moves pairs below the threshold from stats to big_stats. */
  private void prune(double threshold) {
    int kept = 0;
    for (int k = 0; k < statsSize; k++) {
      int pair = statsPairs[k];
      long frequency = statsFrequencies[k];
      if (frequency < threshold) {
        statsSlotOfPair[pair] = -1;
        // A negative entry is a pending decrement of the pruned value; anything else replaces it.
        if (frequency < 0) {
          bigFrequencies[pair] += frequency;
        } else {
          bigFrequencies[pair] = frequency;
        }
        inBigStats[pair] = true;
      } else {
        statsPairs[kept] = pair;
        statsFrequencies[kept] = frequency;
        statsSlotOfPair[pair] = kept;
        kept++;
      }
    }
    statsSize = kept;
  }

  /** {@code stats = copy.deepcopy(big_stats)}. */
  private void reloadFromBigStats() {
    for (int k = 0; k < statsSize; k++) {
      statsSlotOfPair[statsPairs[k]] = -1;
    }
    statsSize = 0;
    for (int pair = 0; pair < pairCount; pair++) {
      if (inBigStats[pair]) {
        statsPut(pair, bigFrequencies[pair]);
      }
    }
  }

  /** {@code stats[pair]}, which in Python's defaultdict inserts a 0 when absent. */
  private long statsGet(int pair) {
    int slot = statsSlotOfPair[pair];
    if (slot < 0) {
      slot = statsInsert(pair);
    }
    return statsFrequencies[slot];
  }

  private void statsPut(int pair, long frequency) {
    int slot = statsSlotOfPair[pair];
    if (slot < 0) {
      slot = statsInsert(pair);
    }
    statsFrequencies[slot] = frequency;
  }

  private void statsAdd(int pair, long delta) {
    int slot = statsSlotOfPair[pair];
    if (slot < 0) {
      slot = statsInsert(pair);
    }
    statsFrequencies[slot] += delta;
  }

  private int statsInsert(int pair) {
    if (statsSize == statsPairs.length) {
      statsPairs = Arrays.copyOf(statsPairs, statsSize * 2);
      statsFrequencies = Arrays.copyOf(statsFrequencies, statsSize * 2);
    }
    int slot = statsSize++;
    statsPairs[slot] = pair;
    statsFrequencies[slot] = 0;
    statsSlotOfPair[pair] = slot;
    return slot;
  }

  private void indexAdd(int pair, int w, int delta) {
    if (occurrences.addTo(occurrenceKey(pair, w), delta)) {
      if (nodeCount == nodeWord.length) {
        nodeWord = Arrays.copyOf(nodeWord, nodeCount * 2);
        nodeNext = Arrays.copyOf(nodeNext, nodeCount * 2);
      }
      nodeWord[nodeCount] = w;
      nodeNext[nodeCount] = indexHead[pair];
      indexHead[pair] = nodeCount;
      nodeCount++;
    }
  }

  /** {@code indices[pair] = defaultdict(int)}. The list nodes are abandoned, not reused. */
  private void resetIndex(int pair) {
    for (int node = indexHead[pair]; node >= 0; node = nodeNext[node]) {
      occurrences.remove(occurrenceKey(pair, nodeWord[node]));
    }
    indexHead[pair] = -1;
  }

  private static long occurrenceKey(int pair, int w) {
    return ((long) pair << 32) | w;
  }

  private int pairId(int left, int right) {
    long key = ((long) left << 32) | right;
    int id = pairIds.get(key, -1);
    if (id >= 0) {
      return id;
    }
    id = pairCount++;
    if (id == pairLeft.length) {
      int capacity = id * 2;
      pairLeft = Arrays.copyOf(pairLeft, capacity);
      pairRight = Arrays.copyOf(pairRight, capacity);
      statsSlotOfPair = Arrays.copyOf(statsSlotOfPair, capacity);
      bigFrequencies = Arrays.copyOf(bigFrequencies, capacity);
      inBigStats = Arrays.copyOf(inBigStats, capacity);
      indexHead = Arrays.copyOf(indexHead, capacity);
    }
    pairLeft[id] = left;
    pairRight[id] = right;
    statsSlotOfPair[id] = -1;
    bigFrequencies[id] = 0;
    inBigStats[id] = false;
    indexHead[id] = -1;
    pairIds.put(key, id);
    return id;
  }
}
