package io.g2lstm.spark.train;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * What the replicas fitted in an epoch: loss, target tokens and minibatches, kept per averaging round and replica
 * (task partition) and summed in that order, so the totals do not depend on the order in which tasks finish (as a
 * plain sum of doubles does) and a task that runs again replaces its figures instead of adding them twice.
 */
final class ReplicaFigures extends AccumulatorV2<ReplicaFigures.Minibatch, ReplicaFigures.Totals> {

  /** One fitted minibatch of a replica. */
  record Minibatch(long round, int replica, double loss, long tokens) implements Serializable {}

  /** An epoch's figures. */
  record Totals(double loss, long tokens, long minibatches) implements Serializable {}

  private record Key(long round, int replica) implements Comparable<Key>, Serializable {
    @Override
    public int compareTo(Key other) {
      return round != other.round ? Long.compare(round, other.round) : Integer.compare(replica, other.replica);
    }
  }

  private TreeMap<Key, Totals> figures = new TreeMap<>();

  @Override
  public boolean isZero() {
    return figures.isEmpty();
  }

  @Override
  public ReplicaFigures copy() {
    ReplicaFigures copy = new ReplicaFigures();
    copy.figures = new TreeMap<>(figures);
    return copy;
  }

  @Override
  public void reset() {
    figures = new TreeMap<>();
  }

  @Override
  public void add(Minibatch minibatch) {
    figures.merge(new Key(minibatch.round(), minibatch.replica()), new Totals(minibatch.loss(), minibatch.tokens(), 1),
        (a, b) -> new Totals(a.loss() + b.loss(), a.tokens() + b.tokens(), a.minibatches() + b.minibatches()));
  }

  @Override
  public void merge(AccumulatorV2<Minibatch, Totals> other) {
    figures.putAll(((ReplicaFigures) other).figures);
  }

  @Override
  public Totals value() {
    double loss = 0;
    long tokens = 0;
    long minibatches = 0;
    for (Map.Entry<Key, Totals> entry : figures.entrySet()) {
      loss += entry.getValue().loss();
      tokens += entry.getValue().tokens();
      minibatches += entry.getValue().minibatches();
    }
    return new Totals(loss, tokens, minibatches);
  }
}
