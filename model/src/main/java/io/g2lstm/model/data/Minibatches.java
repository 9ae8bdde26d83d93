package io.g2lstm.model.data;

import io.g2lstm.prep.pipeline.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Length-bucketed minibatches with masks. Pairs are sorted by target then source length and cut into batches of
 * similar lengths (little padding); the order of the batches is shuffled per epoch from a seed.
 *
 * <p>A batch becomes a {@link MultiDataSet} for the translation graph: features {@code source} [b, S] and
 * {@code target-in} [b, T] ({@code <s>} y1 .. yn), labels [b, 1, T] (y1 .. yn {@code </s>}, as class indices),
 * feature masks [b, S] and [b, T], label mask [b, T]. T is the longest target plus one.
 */
public final class Minibatches {

  private Minibatches() {}

  /** Batches of at most {@code batchSize} pairs, in a shuffled order fixed by {@code seed}. */
  public static List<int[]> plan(ParallelIds data, int batchSize, long seed) {
    return plan(data, batchSize, seed, false);
  }

  /**
   * Batches of exactly {@code batchSize} pairs (for non-empty data), in a shuffled order fixed by {@code seed}: the
   * last, longest batch overlaps its neighbour instead of being short, and data smaller than one batch is repeated.
   * deeplearning4j-spark's workers merge a short minibatch with the next one, which cannot be done for index
   * matrices of different lengths; full batches are never merged.
   */
  public static List<int[]> planFull(ParallelIds data, int batchSize, long seed) {
    return plan(data, batchSize, seed, true);
  }

  private static List<int[]> plan(ParallelIds data, int batchSize, long seed, boolean full) {
    Integer[] order = new Integer[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingInt(i -> data.target()[i].length)
        .thenComparingInt(i -> data.source()[i].length)
        .thenComparingLong(i -> data.sequenceIds()[i]));
    List<int[]> batches = new ArrayList<>();
    for (int start = 0; start < order.length; start += batchSize) {
      int first = full ? Math.max(0, Math.min(start, order.length - batchSize)) : start;
      int size = full ? batchSize : Math.min(order.length, start + batchSize) - start;
      int[] batch = new int[size];
      for (int i = 0; i < size; i++) {
        batch[i] = order[(first + i) % order.length];
      }
      batches.add(batch);
    }
    Collections.shuffle(batches, new Random(seed));
    return batches;
  }

  /** Batches in corpus order (for validation and decoding). */
  public static List<int[]> inOrder(int size, int batchSize) {
    List<int[]> batches = new ArrayList<>();
    for (int start = 0; start < size; start += batchSize) {
      int[] batch = new int[Math.min(size, start + batchSize) - start];
      for (int i = 0; i < batch.length; i++) {
        batch[i] = start + i;
      }
      batches.add(batch);
    }
    return batches;
  }

  /** The {@link MultiDataSet} of the pairs at {@code indices}. */
  public static MultiDataSet encode(ParallelIds data, int[] indices, DataType dataType) {
    int b = indices.length;
    int s = 1;
    int t = 1;
    for (int index : indices) {
      s = Math.max(s, data.source()[index].length);
      t = Math.max(t, data.target()[index].length + 1);
    }
    float[] source = new float[b * s];
    float[] sourceMask = new float[b * s];
    float[] targetIn = new float[b * t];
    float[] targetOut = new float[b * t];
    float[] targetMask = new float[b * t];
    for (int row = 0; row < b; row++) {
      int[] src = data.source()[indices[row]];
      for (int j = 0; j < src.length; j++) {
        source[row * s + j] = src[j];
        sourceMask[row * s + j] = 1;
      }
      int[] tgt = data.target()[indices[row]];
      targetIn[row * t] = Vocabulary.BOS_ID;
      for (int j = 0; j < tgt.length; j++) {
        targetIn[row * t + j + 1] = tgt[j];
        targetOut[row * t + j] = tgt[j];
      }
      targetOut[row * t + tgt.length] = Vocabulary.EOS_ID;
      for (int j = 0; j <= tgt.length; j++) {
        targetMask[row * t + j] = 1;
      }
    }
    INDArray targetMaskArray = array(targetMask, dataType, b, t);
    return new MultiDataSet(
        new INDArray[] {array(source, dataType, b, s), array(targetIn, dataType, b, t)},
        new INDArray[] {array(targetOut, dataType, b, 1, t)},
        new INDArray[] {array(sourceMask, dataType, b, s), targetMaskArray},
        new INDArray[] {targetMaskArray});
  }

  private static INDArray array(float[] values, DataType dataType, long... shape) {
    return Nd4j.create(values, shape, 'c').castTo(dataType);
  }
}
