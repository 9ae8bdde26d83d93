package io.g2lstm.spark;

import io.g2lstm.common.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Small files on any Hadoop file system, written so that readers see the old content or the new, never a part; and
 * the check that a job's destinations can be written, made before the job does any work.
 */
public final class HadoopFiles {

  private HadoopFiles() {}

  /** Writes {@code text} (UTF-8) to a hidden sibling of {@code target}, then renames it over {@code target}. */
  public static void writeText(Path target, String text, Configuration conf) {
    Path directory = target.getParent();
    Path staging = new Path(directory, "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      try (FSDataOutputStream out = directory.getFileSystem(conf).create(staging, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      FileContext.getFileContext(directory.toUri(), conf).rename(staging, target, Options.Rename.OVERWRITE);
    } catch (IOException e) {
      try {
        staging.getFileSystem(conf).delete(staging, false);
      } catch (IOException ignored) {
        // The staging file has a hidden name; a leftover is never read.
      }
      throw new UncheckedIOException("writing " + target, e);
    }
  }

  /**
   * Fails, naming the setting, when {@code directory} cannot be written: a job checks every destination before its
   * first task, so that it never does its work and then fails writing half of the results. The probe is a file
   * created and removed in the directory, or in its nearest existing ancestor when it does not exist yet: nothing is
   * left behind.
   */
  public static void requireWritable(String setting, String directory, Configuration conf) {
    try {
      Path existing = new Path(directory);
      FileSystem fs = existing.getFileSystem(conf);
      existing = fs.makeQualified(existing);
      while (!fs.exists(existing) && existing.getParent() != null) {
        existing = existing.getParent();
      }
      if (!fs.getFileStatus(existing).isDirectory()) {
        throw new IOException(existing + " is not a directory");
      }
      Path probe = new Path(existing, ".g2lstm-write-probe-" + UUID.randomUUID());
      fs.create(probe, false).close();
      fs.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(setting + " " + directory + ": expected a directory this job can write to, "
          + "found it cannot (" + e.getMessage() + ")", e);
    }
  }
}
