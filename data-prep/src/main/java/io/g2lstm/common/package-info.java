/**
 * The basics every module shares: the three kinds of error ({@link io.g2lstm.common.ConfigurationException}, {@link
 * io.g2lstm.common.DataException}, {@link io.g2lstm.common.LifecycleException}), the settings reader over HOCON with
 * its key checks, JSON, name checks for names that become paths, the shared-folder lookup of tests and benchmarks,
 * line splitting of text files, medians and the SplitMix seed mixer.
 *
 * <p>Depends on: nothing else in g2lstm.
 */
package io.g2lstm.common;
