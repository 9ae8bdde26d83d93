package io.g2lstm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.g2lstm.spark.gpu.GpuBindingPlugin;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {

  private static final String PLUGIN = GpuBindingPlugin.class.getName();

  @Test
  void localSessionsLoadTheGpuPluginAndRunJobs() {
    SparkSession spark = SparkSessions.open("plugin-test", Optional.of("local[2]"));
    try {
      assertEquals(PLUGIN, spark.sparkContext().getConf().get("spark.plugins"));
      assertEquals("128m", spark.sparkContext().getConf().get("spark.task.maxDirectResultSize"),
          "replica results go to the driver directly, not through the block manager");
      int sum = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1, 2, 3, 4), 2)
          .map(x -> 2 * x).reduce(Integer::sum);
      assertEquals(20, sum);
    } finally {
      spark.stop();
    }
  }

  @Test
  void thePluginJoinsThoseTheSubmissionNames() {
    assertEquals(PLUGIN, SparkSessions.withGpuBinding(new SparkConf(false)).get("spark.plugins"));
    SparkConf conf = new SparkConf(false).set("spark.plugins", "com.example.Metrics");
    assertEquals("com.example.Metrics," + PLUGIN, SparkSessions.withGpuBinding(conf).get("spark.plugins"));
    assertEquals("com.example.Metrics," + PLUGIN, SparkSessions.withGpuBinding(conf).get("spark.plugins"));
  }
}
