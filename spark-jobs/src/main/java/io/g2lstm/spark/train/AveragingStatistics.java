package io.g2lstm.spark.train;

import java.util.List;
import java.util.Locale;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.paramavg.stats.ParameterAveragingTrainingMasterStats;
import org.deeplearning4j.spark.impl.paramavg.stats.ParameterAveragingTrainingWorkerStats;
import org.deeplearning4j.spark.stats.EventStats;

/**
 * Where the time of parameter-averaging training went, summed from deeplearning4j-spark's training statistics (all
 * in milliseconds). {@code fitting} is the workers' {@code fit} time divided by the number of workers, the share of
 * wall time a worker spends learning; the rest is the cost of distributing the work. deeplearning4j-spark times its
 * aggregation from the start of the action that also runs the workers, so aggregation is not read from it: it is
 * what remains, and includes Spark's scheduling of each round's tasks and the transfer of their results.
 *
 * @param wall the master's training calls and the export, end to end
 * @param fitting mean time per worker inside {@code fit}
 * @param broadcast creating the broadcast of parameters and optimizer state, and workers fetching and loading it
 * @param export writing minibatches to the export directory
 */
public record AveragingStatistics(double wall, double fitting, double broadcast, double export) {

  /**
   * Reads the statistics of a training master that collected them, with the time this job spent exporting
   * minibatches (which it does itself).
   */
  static AveragingStatistics from(SparkTrainingStats stats, int workers, double exportMillis) {
    return new AveragingStatistics(
        sum(stats, ParameterAveragingTrainingMasterStats.PARAMETER_AVERAGING_MASTER_FIT_TIMES_MS) + exportMillis,
        sum(stats, ParameterAveragingTrainingWorkerStats.PARAMETER_AVERAGING_WORKER_FIT_TIMES_MS) / workers,
        sum(stats, ParameterAveragingTrainingMasterStats.PARAMETER_AVERAGING_MASTER_BROADCAST_CREATE_TIMES_MS)
            + (sum(stats, ParameterAveragingTrainingWorkerStats.PARAMETER_AVERAGING_WORKER_BROADCAST_GET_VALUE_TIME_MS)
                + sum(stats, ParameterAveragingTrainingWorkerStats.PARAMETER_AVERAGING_WORKER_INIT_TIME_MS)) / workers,
        exportMillis);
  }

  private static double sum(SparkTrainingStats stats, String key) {
    if (!stats.getKeySet().contains(key)) {
      return 0;
    }
    List<EventStats> events = stats.getValue(key);
    double total = 0;
    for (EventStats event : events) {
      total += event.getDurationMs();
    }
    return total;
  }

  /** Aggregation, parameter updates and task scheduling: the wall time not accounted for otherwise. */
  public double aggregation() {
    return Math.max(0, wall - fitting - broadcast - export);
  }

  /**
   * The cost of averaging (broadcast, aggregation and scheduling) as a share of the time spent training rounds,
   * export left out (it is done once for all epochs).
   */
  public double averagingOverhead() {
    double rounds = wall - export;
    return rounds <= 0 ? 0 : (broadcast + aggregation()) / rounds;
  }

  /** One line for logs. */
  public String line() {
    return String.format(Locale.ROOT, "%.1f s training: fitting %.1f%%, broadcast %.1f%%, export %.1f%%, "
        + "aggregation and scheduling %.1f%%", wall / 1000, share(fitting), share(broadcast), share(export),
        share(aggregation()));
  }

  /** {@code part} as a percentage of the wall time. */
  public double share(double part) {
    return wall <= 0 ? 0 : 100 * part / wall;
  }
}
