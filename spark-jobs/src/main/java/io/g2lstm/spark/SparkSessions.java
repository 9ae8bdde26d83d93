package io.g2lstm.spark;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Opens the Spark session of a job. Under {@code spark-submit} the master and resources come from the submission;
 * run directly (through {@code bin/g2lstm}) a job uses {@code --master}, else {@code local[*]}.
 */
public final class SparkSessions {

  private SparkSessions() {}

  public static SparkSession open(String job, Optional<String> master) {
    SparkConf conf = new SparkConf().setAppName("g2lstm " + job);
    if (master.isPresent()) {
      conf.setMaster(master.get());
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      // Small local runs: no web UI to bind, and few shuffle partitions.
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.sql.shuffle.partitions", "4");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
