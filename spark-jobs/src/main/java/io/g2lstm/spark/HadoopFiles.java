package io.g2lstm.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/** Small files on any Hadoop file system, written so that readers see the old content or the new, never a part. */
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
}
