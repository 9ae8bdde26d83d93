package io.g2lstm.spark.train;

import java.io.Serializable;
import java.util.Optional;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sum of some replicas' results in one round: parameters, optimizer state, scores, how many, their training
 * statistics, and the largest of their iteration counts. It travels from the executors to the driver with its
 * arrays as {@link BinaryArray}s.
 */
final class ReplicaSum implements Serializable {

  private static final long serialVersionUID = 1L;

  private final BinaryArray parameters;
  private final BinaryArray updaterState;
  private double score;
  private int replicas;
  private int iterationCount;
  private SparkTrainingStats statistics;

  private ReplicaSum(INDArray parameters, INDArray updaterState, double score, int iterationCount,
      SparkTrainingStats statistics) {
    this.parameters = new BinaryArray(parameters);
    this.updaterState = updaterState == null ? null : new BinaryArray(updaterState);
    this.score = score;
    this.replicas = 1;
    this.iterationCount = iterationCount;
    this.statistics = statistics;
  }

  /** One replica's result; its arrays become the sum's, and are added to in place. */
  static ReplicaSum of(ParameterAveragingTrainingResult replica) {
    if (!(replica instanceof ReplicaWorker.Result result)) {
      throw new IllegalStateException("expected a replica result with its iteration count, found "
          + replica.getClass().getName());
    }
    return new ReplicaSum(result.getParameters(), result.getUpdaterState(), result.getScore(),
        result.iterationCount(), result.getSparkTrainingStats());
  }

  /** Adds {@code other} into this sum and returns it. */
  ReplicaSum add(ReplicaSum other) {
    parameters.array().addi(other.parameters.array());
    if ((updaterState == null) != (other.updaterState == null)) {
      throw new IllegalStateException("expected every replica to return its optimizer state or none to, found both");
    }
    if (updaterState != null) {
      updaterState.array().addi(other.updaterState.array());
    }
    score += other.score;
    replicas += other.replicas;
    iterationCount = Math.max(iterationCount, other.iterationCount);
    if (statistics == null) {
      statistics = other.statistics;
    } else if (other.statistics != null) {
      statistics.addOtherTrainingStats(other.statistics);
    }
    return this;
  }

  INDArray parameters() {
    return parameters.array();
  }

  Optional<INDArray> updaterState() {
    return updaterState == null ? Optional.empty() : Optional.of(updaterState.array());
  }

  double score() {
    return score;
  }

  int replicas() {
    return replicas;
  }

  /** The largest iteration count a replica reached: the replicas of a round may fit different numbers. */
  int iterationCount() {
    return iterationCount;
  }

  Optional<SparkTrainingStats> statistics() {
    return Optional.ofNullable(statistics);
  }
}
