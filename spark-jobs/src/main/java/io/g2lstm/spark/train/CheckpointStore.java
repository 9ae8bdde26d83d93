package io.g2lstm.spark.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.common.DataException;
import io.g2lstm.common.Directories;
import io.g2lstm.common.Json;
import io.g2lstm.common.Names;
import io.g2lstm.common.fs.Scratch;
import io.g2lstm.common.fs.StagedDirectory;
import io.g2lstm.model.train.Checkpoint;
import io.g2lstm.spark.HadoopFileStore;
import io.g2lstm.spark.HadoopFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
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
 * training read them too. A checkpoint is written in the driver's scratch directory, copied beside its final name
 * and renamed into place (a {@link StagedDirectory}), and only then named in {@code latest} (itself replaced by an
 * atomic rename), so a crash at any point leaves the previous checkpoint the latest. Checkpoints on remote file
 * systems are read through a copy in the scratch directory.
 */
final class CheckpointStore {

  /** In {@code train.output}: the run that started there. */
  static final String RUN_RECORD = "run.json";

  private final Path output;
  private final Path checkpoints;
  private final FileSystem fs;
  private final Configuration conf;

  CheckpointStore(String output, Configuration conf) {
    this.output = new Path(output);
    this.checkpoints = new Path(output, Checkpoint.DIRECTORY);
    this.conf = conf;
    try {
      this.fs = checkpoints.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("opening the file system of " + checkpoints, e);
    }
    fs.setWriteChecksum(false);
  }

  /** The latest checkpoint, if any; one on a remote file system is read through a copy in the scratch directory. */
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
      java.nio.file.Path local = Scratch.newDirectory("checkpoint-");
      fs.copyToLocalFile(false, directory, new Path(local.toUri()), true);
      return Optional.of(Checkpoint.open(local.resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the latest checkpoint under " + checkpoints, e);
    }
  }

  /** The run id recorded when a run started in this output, if any. */
  Optional<String> recordedRunId() {
    Path record = new Path(output, RUN_RECORD);
    try {
      if (!fs.isFile(record)) {
        return Optional.empty();
      }
      String text;
      try (var in = fs.open(record)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Config json = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)
          .setOriginDescription(record.toString()));
      return Optional.of(Names.recorded(record.toString(), "a run_id", json.getString("run_id")));
    } catch (ConfigException e) {
      throw new DataException(record + ": expected a run record, found " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + record, e);
    }
  }

  /**
   * Records the run id before the run writes anything else, so that a run killed before its first checkpoint is
   * continued under the same id.
   */
  void recordRun(String runId) {
    HadoopFiles.writeText(new Path(output, RUN_RECORD), Json.write(Map.of("run_id", runId)), conf);
  }

  /**
   * Writes the checkpoint of {@code progress.epoch()}, with the block-momentum state where there is one, makes it
   * the latest (and the best, if it is) and returns where it is.
   */
  Path write(ComputationGraph graph, Checkpoint.Progress progress, java.nio.file.Path assets,
      String resolvedConfiguration, Optional<BlockMomentum> blockMomentum) {
    String name = Checkpoint.directoryName(progress.epoch());
    Path target = new Path(checkpoints, name);
    java.nio.file.Path local = Scratch.newDirectory("checkpoint-");
    try (StagedDirectory staged = StagedDirectory.begin(new HadoopFileStore(conf), target.toString(),
        Checkpoint.OWNER, "checkpoint")) {
      Checkpoint written = Checkpoint.writeDirectory(local, graph, progress, assets, resolvedConfiguration);
      blockMomentum.ifPresent(b -> b.write(written.directory()));
      try (Stream<java.nio.file.Path> files = Files.list(written.directory())) {
        for (java.nio.file.Path file : files.toList()) {
          fs.copyFromLocalFile(false, true, new Path(file.toUri()), new Path(staged.path(),
              file.getFileName().toString()));
        }
      }
      staged.commit();
      replacePointer(Checkpoint.LATEST, name);
      if (progress.isBest()) {
        replacePointer(Checkpoint.BEST, name);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("writing checkpoint " + name + " under " + checkpoints, e);
    } finally {
      Directories.deleteTree(local);
    }
  }

  /** Replaces the file {@code pointer} ({@code latest}, {@code best}) by one naming {@code name}, atomically. */
  private void replacePointer(String pointer, String name) throws IOException {
    Path target = new Path(checkpoints, pointer);
    Path staging = new Path(checkpoints, "." + pointer + ".tmp-" + UUID.randomUUID());
    try (FSDataOutputStream out = fs.create(staging, true)) {
      out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
    }
    FileContext.getFileContext(checkpoints.toUri(), conf).rename(staging, target, Options.Rename.OVERWRITE);
  }
}
