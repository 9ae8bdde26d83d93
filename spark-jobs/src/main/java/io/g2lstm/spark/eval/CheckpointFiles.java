package io.g2lstm.spark.eval;

import io.g2lstm.common.fs.FileStore;
import io.g2lstm.common.fs.Scratch;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.checkpoint.CheckpointStore;
import io.g2lstm.spark.HadoopFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The files of one checkpoint as bytes: read once on the driver from any Hadoop file system (a local directory,
 * HDFS, S3), broadcast to the executors, and written there to a local directory, once per JVM, that
 * {@link Checkpoint#open} reads (which checks the model file against its recorded SHA-256).
 *
 * @param location the checkpoint directory it was read from
 * @param files file name to content, for the regular files directly in that directory
 */
public record CheckpointFiles(String location, Map<String, byte[]> files) implements Serializable {

  private static final Map<String, Checkpoint> OPENED = new ConcurrentHashMap<>();

  public CheckpointFiles {
    files = Map.copyOf(files);
  }

  /**
   * Reads a checkpoint: {@code path} is a checkpoint directory (with {@code state.json}), a training output
   * directory, whose latest checkpoint is read, or a {@code checkpoints/latest} or {@code checkpoints/best} file,
   * whose checkpoint is read.
   */
  public static CheckpointFiles read(String path, Configuration conf) {
    FileStore store = new HadoopFileStore(conf);
    String directory = CheckpointStore.resolve(store, path);
    try {
      Map<String, byte[]> files = new TreeMap<>();
      for (String name : store.list(directory)) {
        String file = store.child(directory, name);
        if (store.isFile(file)) {
          try (InputStream in = store.open(file)) {
            files.put(name, in.readAllBytes());
          }
        }
      }
      return new CheckpointFiles(store.qualify(directory), files);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the checkpoint " + path, e);
    }
  }

  /**
   * The checkpoint, from a copy in the scratch directory written on first use in this JVM (removed when the JVM
   * exits); errors about it name {@link #location}, not the copy.
   */
  public Checkpoint open() {
    // Keyed by the state too (it holds the model's SHA-256): a checkpoint rewritten in place is another checkpoint.
    String key = location + "\n" + new String(files.getOrDefault(Checkpoint.STATE, new byte[0]),
        StandardCharsets.UTF_8);
    return OPENED.computeIfAbsent(key, unused -> {
      try {
        java.nio.file.Path local = Scratch.newDirectory("checkpoint-");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
          Files.write(local.resolve(file.getKey()), file.getValue());
        }
        return Checkpoint.open(local, location);
      } catch (IOException e) {
        throw new UncheckedIOException("writing a local copy of " + location, e);
      }
    });
  }
}
