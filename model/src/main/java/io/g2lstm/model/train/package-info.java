/**
 * Training in one process: the settings of the {@code train} block, the training run (resume rules, the epoch loop,
 * validation, early stopping), learning-rate schedules, gradient clipping and seeds. The Spark trainer fits the same
 * run's epochs.
 *
 * <p>Depends on: io.g2lstm.common, io.g2lstm.common.fs, io.g2lstm.model, io.g2lstm.model.checkpoint,
 * io.g2lstm.model.data, io.g2lstm.model.graph.
 */
package io.g2lstm.model.train;
