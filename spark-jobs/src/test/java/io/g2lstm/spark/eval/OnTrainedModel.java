package io.g2lstm.spark.eval;

import io.g2lstm.spark.SparkSessions;
import io.g2lstm.spark.train.TrainingFixture;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Tests of the evaluation and gate jobs in local Spark (two cores) on the tiny model of {@link TrainingFixture},
 * trained once per test JVM.
 */
public abstract class OnTrainedModel {

  protected static SparkSession spark;
  /** The directory holding the synthetic corpus and its prepared data. */
  protected static Path work;
  /** The training output of the tiny model. */
  protected static Path model;

  @BeforeAll
  static void startSpark() {
    spark = SparkSessions.open("evaluation-test", Optional.of("local[2]"));
    work = TrainingFixture.work(spark);
    model = TrainingFixture.trainedModel(spark);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }
}
