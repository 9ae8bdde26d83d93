/**
 * GPU executors: the CUDA backend check, the executor plugin that binds a replica to its assigned GPU, and {@code
 * nvidia-smi} discovery.
 *
 * <p>Depends on: io.g2lstm.common.
 */
package io.g2lstm.spark.gpu;
