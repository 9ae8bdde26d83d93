package io.g2lstm.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Gives the Parquet files Spark wrote stable names ({@code part-00000.parquet}, ...) and footers in a fixed order
 * ({@link ParquetFooters}), and removes its {@code _SUCCESS} marker, so that a re-run with the same configuration
 * writes the same bytes, in any JVM, and the manifest's checksums describe the data alone.
 */
final class ShardFiles {

  private static final Pattern PART = Pattern.compile("part-(\\d+)-.*\\.parquet");

  private ShardFiles() {}

  static void normalize(StagedOutput out, String directory, int expectedAtMost) {
    Path dir = out.resolve(directory);
    try {
      FileSystem fs = out.fileSystem();
      for (FileStatus file : fs.listStatus(dir)) {
        String name = file.getPath().getName();
        Matcher part = PART.matcher(name);
        if (part.matches()) {
          int index = Integer.parseInt(part.group(1));
          if (index >= expectedAtMost) {
            throw new IllegalStateException("expected at most " + expectedAtMost + " files in " + dir + ", found "
                + name);
          }
          Path renamed = new Path(dir, String.format("part-%05d.parquet", index));
          if (!fs.rename(file.getPath(), renamed)) {
            throw new IOException("cannot rename " + file.getPath() + " to " + renamed);
          }
          ParquetFooters.normalize(fs, renamed);
        }
      }
      for (FileStatus file : fs.listStatus(dir)) {
        String name = file.getPath().getName();
        if (name.startsWith("_")) {
          fs.delete(file.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("naming the files of " + dir, e);
    }
  }
}
