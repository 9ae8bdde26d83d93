package io.g2lstm.spark;

import io.g2lstm.common.DataException;
import io.g2lstm.common.Directories;
import io.g2lstm.common.fs.Scratch;
import io.g2lstm.model.data.TranslationAssets;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The manifest, vocabularies and BPE codes of prepared data on any Hadoop file system. */
public final class PreparedAssets {

  private PreparedAssets() {}

  /**
   * Copies the asset files of the prepared data in {@code data} to a new directory in the scratch directory; the
   * caller removes it.
   */
  public static java.nio.file.Path copyToLocal(String data, Configuration conf) {
    Path directory = new Path(data);
    java.nio.file.Path local = Scratch.newDirectory("assets-");
    try {
      FileSystem fs = directory.getFileSystem(conf);
      for (String file : TranslationAssets.FILES) {
        Path source = new Path(directory, file);
        if (!fs.isFile(source)) {
          throw new DataException(data + ": expected the output of 'prepare' (with " + file + "), found no "
              + source);
        }
        fs.copyToLocalFile(false, source, new Path(local.resolve(file).toUri()), true);
      }
      return local;
    } catch (IOException e) {
      Directories.deleteTree(local);
      throw new UncheckedIOException("reading the prepared data in " + data, e);
    } catch (RuntimeException e) {
      Directories.deleteTree(local);
      throw e;
    }
  }

  /** The assets of the prepared data in {@code data}. */
  public static TranslationAssets load(String data, Configuration conf) {
    java.nio.file.Path local = copyToLocal(data, conf);
    try {
      return TranslationAssets.load(local);
    } finally {
      Directories.deleteTree(local);
    }
  }
}
