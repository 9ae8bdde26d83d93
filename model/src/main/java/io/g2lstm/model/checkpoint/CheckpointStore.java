package io.g2lstm.model.checkpoint;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.common.DataException;
import io.g2lstm.common.Directories;
import io.g2lstm.common.Json;
import io.g2lstm.common.Names;
import io.g2lstm.common.fs.FileStore;
import io.g2lstm.common.fs.Scratch;
import io.g2lstm.common.fs.StagedDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The checkpoints of a training output directory ({@code train.output}) on any file system: the local disk, or a
 * Hadoop file system for Spark training. The layout is {@code <output>/checkpoints/epoch-NNN}, the files
 * {@code checkpoints/latest} and {@code checkpoints/best} naming one of them, and {@code <output>/run.json}, the run
 * that started there.
 *
 * <p>A checkpoint is written under a temporary name beside its final one and renamed into place
 * ({@link StagedDirectory}), and only then named in {@code latest}, itself replaced in one step, so a crash at any
 * point leaves the previous checkpoint the latest. Where the file system is not the local disk, checkpoints are
 * written and read through a copy in the scratch directory.
 */
public final class CheckpointStore {

  /** In {@code train.output}: the run that started there. */
  public static final String RUN_RECORD = "run.json";

  private final FileStore files;
  private final String output;
  private final String checkpoints;

  public CheckpointStore(FileStore files, String output) {
    this.files = files;
    this.output = output;
    this.checkpoints = files.child(output, Checkpoint.DIRECTORY);
  }

  /** {@code train.output}, as messages name it. */
  public String output() {
    return output;
  }

  /**
   * The checkpoint directory that {@code path} names: a checkpoint directory itself (with {@value Checkpoint#STATE}),
   * a training output (its latest checkpoint), or a {@value Checkpoint#LATEST} or {@value Checkpoint#BEST} file (the
   * checkpoint it names).
   */
  public static String resolve(FileStore files, String path) {
    try {
      if (files.isFile(path) && (files.name(path).equals(Checkpoint.LATEST)
          || files.name(path).equals(Checkpoint.BEST))) {
        return files.child(files.parent(path), readText(files, path).strip());
      }
      if (files.isFile(files.child(path, Checkpoint.STATE))) {
        return path;
      }
      String latest = files.child(files.child(path, Checkpoint.DIRECTORY), Checkpoint.LATEST);
      if (files.isFile(latest)) {
        return files.child(files.child(path, Checkpoint.DIRECTORY), readText(files, latest).strip());
      }
      throw new DataException(path + ": expected a checkpoint directory (with " + Checkpoint.STATE + " and "
          + Checkpoint.MODEL + ") or a training output (with " + Checkpoint.DIRECTORY + "/" + Checkpoint.LATEST
          + "), found " + (files.exists(path) ? "neither" : "nothing there"));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the checkpoint " + path, e);
    }
  }

  /** The file naming the checkpoint with the lowest validation perplexity ({@link #resolve} reads it). */
  public String bestPointer() {
    return files.child(checkpoints, Checkpoint.BEST);
  }

  /** Where the checkpoint of {@code epoch} is (or will be) written. */
  public String directory(int epoch) {
    return files.child(checkpoints, Checkpoint.directoryName(epoch));
  }

  /** The latest checkpoint, if any. */
  public Optional<Checkpoint> latest() {
    String pointer = files.child(checkpoints, Checkpoint.LATEST);
    try {
      if (!files.isFile(pointer)) {
        return Optional.empty();
      }
      String name = readText(files, pointer).strip();
      String directory = files.child(checkpoints, name);
      Optional<Path> local = files.localPath(directory);
      if (local.isPresent()) {
        return Optional.of(Checkpoint.open(local.get()));
      }
      Path copy = Scratch.newDirectory("checkpoint-").resolve(name);
      Files.createDirectories(copy);
      for (String file : files.list(directory)) {
        try (InputStream in = files.open(files.child(directory, file))) {
          Files.copy(in, copy.resolve(file));
        }
      }
      return Optional.of(Checkpoint.open(copy, files.qualify(directory)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the latest checkpoint under " + checkpoints, e);
    }
  }

  /** The run id recorded when a run started in this output, if any. */
  public Optional<String> recordedRunId() {
    String record = files.child(output, RUN_RECORD);
    try {
      if (!files.isFile(record)) {
        return Optional.empty();
      }
      Config json = ConfigFactory.parseString(readText(files, record), ConfigParseOptions.defaults()
          .setSyntax(ConfigSyntax.JSON).setOriginDescription(record));
      return Optional.of(Names.recorded(record, "a run_id", json.getString("run_id")));
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
  public void recordRun(String runId) {
    try {
      files.makeDirectories(output);
      replaceText(files.child(output, RUN_RECORD), Json.write(Map.of("run_id", runId)));
    } catch (IOException e) {
      throw new UncheckedIOException("recording the run in " + output, e);
    }
  }

  /**
   * Writes the checkpoint of {@code progress.epoch()}, makes it the latest (and the best, if it is) and returns
   * where it is.
   *
   * @param assets a prepared-data or checkpoint directory with the vocabularies, BPE codes and manifest
   * @param extras writes further files into the checkpoint's directory (a trainer's own state)
   */
  public String write(ComputationGraph graph, Checkpoint.Progress progress, Path assets,
      String resolvedConfiguration, Consumer<Path> extras) {
    String name = Checkpoint.directoryName(progress.epoch());
    String target = directory(progress.epoch());
    try (StagedDirectory staged = StagedDirectory.begin(files, target, Checkpoint.OWNER, "checkpoint")) {
      Optional<Path> local = files.localPath(staged.path());
      Path directory = local.orElseGet(() -> Scratch.newDirectory("checkpoint-").resolve(name));
      try {
        Checkpoint written = Checkpoint.writeDirectory(directory, graph, progress, assets, resolvedConfiguration);
        extras.accept(written.directory());
        if (local.isEmpty()) {
          copyUp(directory, staged.path());
        }
      } finally {
        if (local.isEmpty()) {
          Directories.deleteTree(directory.getParent());
        }
      }
      staged.commit();
      replaceText(files.child(checkpoints, Checkpoint.LATEST), name + "\n");
      if (progress.isBest()) {
        replaceText(files.child(checkpoints, Checkpoint.BEST), name + "\n");
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("writing checkpoint " + name + " under " + checkpoints, e);
    }
  }

  private void copyUp(Path directory, String target) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path file : entries.sorted().toList()) {
        try (OutputStream out = files.create(files.child(target, file.getFileName().toString()))) {
          Files.copy(file, out);
        }
      }
    }
  }

  private static String readText(FileStore files, String file) throws IOException {
    try (InputStream in = files.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Replaces {@code file} by one holding {@code text}, in one step. */
  private void replaceText(String file, String text) throws IOException {
    String staging = files.child(files.parent(file), "." + files.name(file) + ".tmp-" + UUID.randomUUID());
    try (OutputStream out = files.create(staging)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    files.replace(staging, file);
  }
}
