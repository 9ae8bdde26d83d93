package io.g2lstm.model.bleu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the n-grams (n = 1..4) of one hypothesis and how many of them the references match, each n-gram's count
 * clipped to its largest count in any one reference, and picks the reference length: the counting that sacreBLEU
 * and multi-bleu.perl share.
 */
final class NgramMatches {

  static final int MAX_ORDER = 4;

  private NgramMatches() {}

  /** Adds the segment's matches and totals per order (index n - 1) to {@code matches} and {@code totals}. */
  static void add(List<String> hypothesis, List<List<String>> references, long[] matches, long[] totals) {
    List<Map<String, Integer>> referenceCounts = new ArrayList<>();
    for (int n = 1; n <= MAX_ORDER; n++) {
      referenceCounts.add(new HashMap<>());
    }
    for (List<String> reference : references) {
      for (int n = 1; n <= MAX_ORDER; n++) {
        for (Map.Entry<String, Integer> entry : count(reference, n).entrySet()) {
          referenceCounts.get(n - 1).merge(entry.getKey(), entry.getValue(), Math::max);
        }
      }
    }
    for (int n = 1; n <= MAX_ORDER; n++) {
      for (Map.Entry<String, Integer> entry : count(hypothesis, n).entrySet()) {
        int count = entry.getValue();
        totals[n - 1] += count;
        matches[n - 1] += Math.min(count, referenceCounts.get(n - 1).getOrDefault(entry.getKey(), 0));
      }
    }
  }

  /**
   * The reference length that BLEU pairs with a hypothesis: the closest, the shorter of two equally close. A
   * reference must be closer than {@code limit} words (or as close and shorter) to be taken; {@code limit} is
   * returned when none is.
   */
  static int closestLength(int hypothesisLength, List<List<String>> references, int limit) {
    int closest = limit;
    int closestDifference = limit;
    for (List<String> reference : references) {
      int length = reference.size();
      int difference = Math.abs(hypothesisLength - length);
      if (difference < closestDifference || (difference == closestDifference && length < closest)) {
        closest = length;
        closestDifference = difference;
      }
    }
    return closest;
  }

  // Words hold no whitespace, so n-grams joined by spaces are distinct keys.
  private static Map<String, Integer> count(List<String> words, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int start = 0; start + n <= words.size(); start++) {
      counts.merge(String.join(" ", words.subList(start, start + n)), 1, Integer::sum);
    }
    return counts;
  }
}
