package io.g2lstm.spark.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The driver's progress line within an epoch of several workers: at the start of an averaging round, once at least
 * {@code train.log-every} minibatches were fitted since the last line, it prints the minibatches done, the loss so
 * far, target tokens per second and the time the epoch has left at that pace. It reads the replicas' figures
 * accumulator, which the driver updates as tasks finish. (One worker fits an epoch in a single round, so only the
 * epoch's own line appears.)
 */
final class RoundProgress {

  private final PrintStream log;
  private final ReplicaFigures figures;
  private final int logEvery;
  private final int epochs;
  private int epoch;
  private long epochMinibatches;
  private long epochStart;
  private long lastLogged;

  RoundProgress(PrintStream log, ReplicaFigures figures, int logEvery, int epochs) {
    this.log = log;
    this.figures = figures;
    this.logEvery = logEvery;
    this.epochs = epochs;
  }

  /** Called as epoch {@code epoch} of {@code minibatches} minibatches starts (after its figures were reset). */
  void startEpoch(int epoch, long minibatches) {
    this.epoch = epoch;
    this.epochMinibatches = minibatches;
    this.epochStart = System.nanoTime();
    this.lastLogged = 0;
  }

  /** Called on the driver before each round is sent out. */
  void roundStarts() {
    ReplicaFigures.Totals done = figures.value();
    if (done.minibatches() == 0 || done.minibatches() - lastLogged < logEvery) {
      return;
    }
    lastLogged = done.minibatches();
    double seconds = (System.nanoTime() - epochStart) / 1e9;
    double left = seconds * Math.max(0, epochMinibatches - done.minibatches()) / done.minibatches();
    log.printf(Locale.ROOT, "epoch %d/%d: %d/%d minibatches, loss %.4f, %,.0f target tokens/s, about %.0f s left%n",
        epoch, epochs, done.minibatches(), epochMinibatches, done.loss() / Math.max(1, done.tokens()),
        done.tokens() / seconds, left);
  }
}
