/**
 * Files that jobs write and replace: the file-system interface ({@link io.g2lstm.common.fs.FileStore}, local here,
 * Hadoop in spark-jobs), staged directories moved into place when complete, the ownership markers that decide what a
 * job may replace, and the scratch space of running processes.
 *
 * <p>Depends on: io.g2lstm.common.
 */
package io.g2lstm.common.fs;
