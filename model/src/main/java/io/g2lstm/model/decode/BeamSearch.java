package io.g2lstm.model.decode;

import io.g2lstm.prep.pipeline.Vocabulary;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batched beam search (a beam of 1 is greedy search). The encoder runs once; the decoder advances one step at a time
 * for all beams of the sentences not yet done, and its states are reordered as beams are pruned and as sentences
 * finish (a finished sentence's rows leave the batch).
 *
 * <p>A hypothesis ends with {@code </s>} or at the length limit ({@code ratio * source length + extra}). Finished
 * hypotheses are ranked by log-probability divided by the GNMT length penalty {@code ((5 + length) / 6)^alpha}
 * (alpha 0: plain log-probability). A sentence stops once it has {@code beam} finished hypotheses, or none of its
 * open ones could still beat the best finished one.
 *
 * @param beam hypotheses kept per sentence
 * @param lengthPenalty the GNMT alpha
 * @param maxLengthRatio the length limit as a multiple of the source length
 * @param maxLengthExtra plus this many tokens
 */
public record BeamSearch(int beam, double lengthPenalty, double maxLengthRatio, int maxLengthExtra)
    implements Serializable {

  public BeamSearch {
    if (beam < 1) {
      throw new IllegalArgumentException("beam must be at least 1, was " + beam);
    }
  }

  /** The best translation of each source, as target subword ids without {@code </s>}. */
  public int[][] translate(IncrementalModel model, int[][] sources) {
    int n = sources.length;
    int k = beam;
    int vocabulary = model.targetVocabularySize();
    model.start(sources);
    // Every sentence starts with k copies of its row; only the first is live at step 0.
    int[] rows = new int[n * k];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i / k;
    }
    model.reorder(rows);
    double[] scores = new double[n * k];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i % k == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    int[][] tokens = new int[n * k][0];
    int[] previous = new int[n * k];
    Arrays.fill(previous, Vocabulary.BOS_ID);
    List<List<Finished>> finished = new ArrayList<>();
    boolean[] done = new boolean[n];
    int[] limit = new int[n];
    for (int s = 0; s < n; s++) {
      finished.add(new ArrayList<>());
      limit[s] = (int) Math.ceil(maxLengthRatio * sources[s].length) + maxLengthExtra;
    }
    int longest = Arrays.stream(limit).max().orElse(0);
    // The sentences still being decoded, in decoder-row order: sentence live[p] owns rows p * k .. p * k + k - 1.
    int[] live = new int[n];
    Arrays.setAll(live, s -> s);
    for (int length = 1; length <= longest; length++) {
      float[] probabilities = model.step(previous);
      int rowCount = live.length * k;
      int[] parents = new int[rowCount];
      int[] chosen = new int[rowCount];
      double[] newScores = new double[rowCount];
      for (int p = 0; p < live.length; p++) {
        int s = live[p];
        // The 2k best extensions: enough that k remain after those ending in </s> are set aside.
        int[] bestRow = new int[2 * k];
        int[] bestToken = new int[2 * k];
        double[] best = new double[2 * k];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < k; j++) {
          int row = p * k + j;
          if (scores[row] == Double.NEGATIVE_INFINITY) {
            continue;
          }
          int offset = row * vocabulary;
          // Compared as probabilities against the one that would tie with the last kept candidate; the logarithm
          // is taken only of those that pass (>=: the float threshold may round up to exactly such a value).
          float threshold = threshold(best[2 * k - 1], scores[row]);
          for (int v = 0; v < vocabulary; v++) {
            float probability = probabilities[offset + v];
            if (probability >= threshold) {
              double candidate = scores[row] + Math.log(probability);
              if (candidate > best[2 * k - 1]) {
                insert(best, bestRow, bestToken, candidate, row, v);
                threshold = threshold(best[2 * k - 1], scores[row]);
              }
            }
          }
        }
        int kept = 0;
        for (int c = 0; c < 2 * k && kept < k; c++) {
          if (best[c] == Double.NEGATIVE_INFINITY) {
            break;
          }
          boolean ends = bestToken[c] == Vocabulary.EOS_ID || length == limit[s];
          if (ends && finished.get(s).size() < k) {
            int[] words = bestToken[c] == Vocabulary.EOS_ID ? tokens[bestRow[c]] : append(tokens[bestRow[c]],
                bestToken[c]);
            finished.get(s).add(new Finished(words, best[c] / penalty(length)));
          } else if (!ends) {
            parents[p * k + kept] = bestRow[c];
            chosen[p * k + kept] = bestToken[c];
            newScores[p * k + kept] = best[c];
            kept++;
          }
        }
        for (int j = kept; j < k; j++) {
          parents[p * k + j] = p * k;
          chosen[p * k + j] = Vocabulary.PAD_ID;
          newScores[p * k + j] = Double.NEGATIVE_INFINITY;
        }
        done[s] = length == limit[s] || finished.get(s).size() >= k || kept == 0
            || cannotImprove(finished.get(s), newScores, p, k, length);
      }
      // Finished sentences leave the decoder's batch: later steps compute only the live ones' rows.
      int stillLive = 0;
      for (int s : live) {
        stillLive += done[s] ? 0 : 1;
      }
      if (stillLive == 0) {
        break;
      }
      int[] nextLive = new int[stillLive];
      int[] rowsKept = new int[stillLive * k];
      double[] nextScores = new double[stillLive * k];
      int[][] nextTokens = new int[stillLive * k][];
      int[] nextPrevious = new int[stillLive * k];
      int q = 0;
      for (int p = 0; p < live.length; p++) {
        if (done[live[p]]) {
          continue;
        }
        nextLive[q] = live[p];
        for (int j = 0; j < k; j++) {
          int from = p * k + j;
          int to = q * k + j;
          rowsKept[to] = parents[from];
          nextScores[to] = newScores[from];
          nextTokens[to] = newScores[from] == Double.NEGATIVE_INFINITY ? new int[0]
              : append(tokens[parents[from]], chosen[from]);
          nextPrevious[to] = chosen[from];
        }
        q++;
      }
      live = nextLive;
      tokens = nextTokens;
      scores = nextScores;
      previous = nextPrevious;
      model.reorder(rowsKept);
    }
    int[][] result = new int[n][];
    for (int s = 0; s < n; s++) {
      Finished bestFinished = null;
      for (Finished f : finished.get(s)) {
        if (bestFinished == null || f.score() > bestFinished.score()) {
          bestFinished = f;
        }
      }
      result[s] = bestFinished == null ? new int[0] : bestFinished.tokens();
    }
    return result;
  }

  private record Finished(int[] tokens, double score) {}

  /**
   * Without a length penalty, scores only fall as hypotheses grow, so a sentence whose best finished hypothesis
   * beats all open ones is done.
   */
  private boolean cannotImprove(List<Finished> finished, double[] open, int p, int k, int length) {
    if (finished.isEmpty() || lengthPenalty != 0) {
      return false;
    }
    double bestFinished = finished.stream().mapToDouble(Finished::score).max().orElseThrow();
    for (int j = 0; j < k; j++) {
      if (open[p * k + j] > bestFinished) {
        return false;
      }
    }
    return true;
  }

  /** The probability p for which {@code score + log p} equals {@code floor}, as a float. */
  private static float threshold(double floor, double score) {
    return (float) Math.exp(floor - score);
  }

  private double penalty(int length) {
    return lengthPenalty == 0 ? 1.0 : Math.pow((5.0 + length) / 6.0, lengthPenalty);
  }

  /** Inserts a candidate into the descending top list, dropping the last. */
  private static void insert(double[] best, int[] rows, int[] tokens, double score, int row, int token) {
    int i = best.length - 1;
    while (i > 0 && best[i - 1] < score) {
      best[i] = best[i - 1];
      rows[i] = rows[i - 1];
      tokens[i] = tokens[i - 1];
      i--;
    }
    best[i] = score;
    rows[i] = row;
    tokens[i] = token;
  }

  private static int[] append(int[] tokens, int token) {
    int[] longer = Arrays.copyOf(tokens, tokens.length + 1);
    longer[tokens.length] = token;
    return longer;
  }
}
