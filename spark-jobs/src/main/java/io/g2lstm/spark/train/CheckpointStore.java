package io.g2lstm.spark.train;

import io.g2lstm.common.Directories;
import io.g2lstm.model.train.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * {@link Checkpoint}s on any Hadoop file system (a local directory, HDFS, S3): the same layout as single-process
 * training ({@code <output>/checkpoints/epoch-NNN} and {@code latest}), so {@code translate} and {@code --local}
 * training read them too. A checkpoint is written on the driver's local disk, copied beside its final name, renamed
 * into place, and only then named in {@code latest} (itself replaced by an atomic rename), so a crash at any point
 * leaves the previous checkpoint the latest. Checkpoints on remote file systems are read through a local copy.
 */
final class CheckpointStore {

  private final Path checkpoints;
  private final FileSystem fs;
  private final Configuration conf;

  CheckpointStore(String output, Configuration conf) {
    this.checkpoints = new Path(output, Checkpoint.DIRECTORY);
    this.conf = conf;
    try {
      this.fs = checkpoints.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("opening the file system of " + checkpoints, e);
    }
    fs.setWriteChecksum(false);
  }

  /** The latest checkpoint, if any. */
  Optional<Checkpoint> latest() {
    Path latest = new Path(checkpoints, Checkpoint.LATEST);
    try {
      if (!fs.exists(latest)) {
        return Optional.empty();
      }
      String name;
      try (var in = fs.open(latest)) {
        name = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      Path directory = new Path(checkpoints, name);
      if (fs instanceof LocalFileSystem) {
        return Optional.of(Checkpoint.open(java.nio.file.Path.of(directory.toUri().getPath())));
      }
      java.nio.file.Path local = Files.createTempDirectory("g2lstm-checkpoint-");
      fs.copyToLocalFile(false, directory, new Path(local.toUri()), true);
      return Optional.of(Checkpoint.open(local.resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the latest checkpoint under " + checkpoints, e);
    }
  }

  /** Writes the checkpoint of {@code progress.epoch()}, makes it the latest and returns where it is. */
  Path write(ComputationGraph graph, Checkpoint.Progress progress, java.nio.file.Path assets,
      String resolvedConfiguration) {
    String name = Checkpoint.directoryName(progress.epoch());
    java.nio.file.Path local = null;
    Path staging = new Path(checkpoints, "." + name + ".tmp-" + UUID.randomUUID());
    try {
      local = Files.createTempDirectory("g2lstm-checkpoint-");
      Checkpoint written = Checkpoint.write(local, graph, progress, assets, resolvedConfiguration);
      fs.mkdirs(checkpoints);
      fs.copyFromLocalFile(false, true, new Path(written.directory().toUri()), staging);
      Path target = new Path(checkpoints, name);
      if (fs.exists(target)) {
        fs.delete(target, true);
      }
      if (!fs.rename(staging, target)) {
        throw new IOException("could not rename " + staging + " to " + target);
      }
      replaceLatest(name);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("writing checkpoint " + name + " under " + checkpoints, e);
    } finally {
      deleteQuietly(staging);
      if (local != null) {
        Directories.deleteTree(local);
      }
    }
  }

  private void replaceLatest(String name) throws IOException {
    Path latest = new Path(checkpoints, Checkpoint.LATEST);
    Path staging = new Path(checkpoints, "." + Checkpoint.LATEST + ".tmp-" + UUID.randomUUID());
    try (FSDataOutputStream out = fs.create(staging, true)) {
      out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
    }
    FileContext.getFileContext(checkpoints.toUri(), conf).rename(staging, latest, Options.Rename.OVERWRITE);
  }

  private void deleteQuietly(Path path) {
    try {
      fs.delete(path, true);
    } catch (IOException e) {
      // Nothing more to do: a leftover staging directory has a hidden name and is never read.
    }
  }
}
