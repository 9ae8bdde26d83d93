/**
 * A Spark standalone cluster on this machine, its master and workers JVMs of their own started from the build's Spark
 * runtime: executors in JVMs of their own for {@code bench scaling} and the integration tests.
 *
 * <p>Depends on: io.g2lstm.common.
 */
package io.g2lstm.spark.cluster;
