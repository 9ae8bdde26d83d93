package io.g2lstm.spark.cluster;

import java.nio.file.Path;

/** The system properties failsafe gives the integration tests (spark-jobs/pom.xml): paths of what the build made. */
final class FailsafeProperties {

  private FailsafeProperties() {}

  /** The path a property names. */
  static Path path(String name) {
    return Path.of(required(name));
  }

  static String required(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("expected the system property " + name + " (set by failsafe: run "
          + "'mvn verify'), found none");
    }
    return value;
  }
}
