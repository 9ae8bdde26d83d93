package io.g2lstm.spark.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import scala.Tuple2;

/**
 * Sums a round's replica results (parameters, optimizer state, scores) in partition order, so that a run with any
 * number of workers reproduces bit for bit. deeplearning4j-spark's own {@code treeAggregate} adds the replicas in the
 * order their tasks finish; float addition is not associative, so three or more workers gave sums that differed in
 * the last bits from run to run.
 *
 * <p>The sum is a tree of fixed shape, like Spark's {@code treeAggregate} with the same depth: while more than one
 * level is left and the partials are many (more than {@code g + ceil(m / g)} for {@code g = ceil(m^(1/levels))},
 * Spark's own rule), consecutive runs of {@code g} partials are summed on the executors, in index order; the driver
 * then sums the last partials in index order. So the driver holds at most a few replicas at a time, as before.
 * Partial sums travel as {@link ReplicaSum}s, their arrays in binary form.
 */
final class OrderedSum {

  private OrderedSum() {}

  /** The sum of {@code results} in partition order; empty when no partition had a minibatch. */
  static Optional<ReplicaSum> of(JavaRDD<ParameterAveragingTrainingResult> results,
      int depth) {
    JavaPairRDD<Integer, ReplicaSum> partials =
        JavaPairRDD.fromJavaRDD(results.mapPartitionsWithIndex(OrderedSum::sumPartition, true));
    int count = results.getNumPartitions();
    for (int levels = depth; levels > 1; levels--) {
      int width = Math.max(2, (int) Math.ceil(Math.pow(count, 1.0 / levels)));
      int groups = (count + width - 1) / width;
      if (count <= width + groups) {
        break;
      }
      partials = partials.mapToPair(partial -> new Tuple2<>(partial._1() / width, partial))
          .groupByKey(groups)
          .mapToPair(group -> new Tuple2<>(group._1(), sumInOrder(group._2()).orElseThrow()));
      count = groups;
    }
    return sumInOrder(partials.collect());
  }

  private static Iterator<Tuple2<Integer, ReplicaSum>> sumPartition(int index,
      Iterator<ParameterAveragingTrainingResult> replicas) {
    ReplicaSum sum = null;
    while (replicas.hasNext()) {
      ReplicaSum replica = ReplicaSum.of(replicas.next());
      sum = sum == null ? replica : sum.add(replica);
    }
    return sum == null ? Collections.emptyIterator() : List.of(new Tuple2<>(index, sum)).iterator();
  }

  /** Adds indexed partials from the lowest index up, whatever order they arrived in. */
  static Optional<ReplicaSum> sumInOrder(Iterable<Tuple2<Integer, ReplicaSum>> partials) {
    List<Tuple2<Integer, ReplicaSum>> ordered = new ArrayList<>();
    partials.forEach(ordered::add);
    ordered.sort(Comparator.comparing(Tuple2::_1));
    ReplicaSum sum = null;
    for (Tuple2<Integer, ReplicaSum> partial : ordered) {
      sum = sum == null ? partial._2() : sum.add(partial._2());
    }
    return Optional.ofNullable(sum);
  }
}
