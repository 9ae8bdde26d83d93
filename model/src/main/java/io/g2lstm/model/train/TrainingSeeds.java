package io.g2lstm.model.train;

import io.g2lstm.common.SplitMix;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seeds of a training run, derived from {@code train.seed}, so that a run reproduces exactly and a resumed run
 * continues as the uninterrupted one would: the minibatch order of each epoch, and ND4J's generator (which dropout
 * draws from) reseeded before every minibatch from the iteration and the replica that fits it (0 in one process; a
 * Spark worker's task partition). The G² gate noise has seeds of its own (see {@code G2Lstm}).
 */
public final class TrainingSeeds {

  private static final long DROPOUT = 0x6472_6f70L;

  private TrainingSeeds() {}

  /**
   * The seed of a minibatch order: of {@code index} = the epoch (from 0) in one process; on Spark, of a data
   * partition's minibatches, and of deeplearning4j-spark's dealing of the epoch's minibatches to rounds.
   */
  public static long batchOrder(long seed, int index) {
    return seed * 1_000_003L + index;
  }

  /** Reseeds ND4J's generator of this thread before the minibatch of {@code iteration} that {@code replica} fits. */
  public static void reseedDropout(long seed, long iteration, int replica) {
    Nd4j.getRandom().setSeed(SplitMix.mix(SplitMix.mix(SplitMix.mix(seed, DROPOUT), iteration), replica));
  }
}
