package io.g2lstm.common.fs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.g2lstm.common.Json;
import io.g2lstm.common.LifecycleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whose a replaceable output directory is, and how to tell: a job may replace a directory only when it is empty or
 * carries that job's marker file. Anything else (a regular file, a directory of other files, the corpus itself) is
 * refused with the path named, and left as it is.
 *
 * @param job the job's name, for messages
 * @param markerFile the file in the directory that shows it is the job's; null when nothing existing is accepted
 * @param format the {@code format} field the marker's JSON must hold; null when the marker's presence suffices
 * @param writesMarker whether {@link StagedDirectory} writes the marker ({@code false}: the job writes it, as
 *     {@code prepare} writes its manifest)
 */
public record OutputOwner(String job, String markerFile, String format, boolean writesMarker) {

  /** The marker file of outputs whose job has no manifest of its own. */
  public static final String MARKER = ".g2lstm-output";
  private static final String MARKER_FORMAT = "g2lstm-output/1";

  /** Outputs marked by {@value #MARKER}, written when they are committed. */
  public static OutputOwner marked(String job) {
    return new OutputOwner(job, MARKER, MARKER_FORMAT, true);
  }

  /**
   * Outputs marked by a manifest the job writes itself: a JSON file with {@code "format": format}, or any file of
   * that name when {@code format} is null.
   */
  public static OutputOwner manifest(String job, String manifestFile, String format) {
    return new OutputOwner(job, manifestFile, format, false);
  }

  /** Outputs that must be new or an empty directory: nothing existing is ever replaced. */
  public static OutputOwner newOrEmpty(String job) {
    return new OutputOwner(job, null, null, false);
  }

  /** Whether {@code directory} carries this job's marker. */
  public boolean owns(FileStore fs, String directory) throws IOException {
    if (markerFile == null) {
      return false;
    }
    String marker = fs.child(directory, markerFile);
    if (!fs.isFile(marker)) {
      return false;
    }
    if (format == null) {
      return true;
    }
    String text;
    try (InputStream in = fs.open(marker)) {
      text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    }
    try {
      Config json = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
      return json.hasPath("format") && format.equals(json.getString("format"))
          && (!writesMarker || json.hasPath("job") && job.equals(json.getString("job")));
    } catch (ConfigException e) {
      return false;
    }
  }

  /**
   * Fails unless {@code path} may be replaced by this job: nothing is there, an empty directory, or a directory with
   * this job's marker.
   *
   * @param setting the setting or option that chose the path, for the message
   */
  public void requireReplaceable(FileStore fs, String path, String setting) {
    try {
      if (!fs.exists(path)) {
        return;
      }
      String found;
      if (!fs.isDirectory(path)) {
        found = "a file that is not a directory";
      } else {
        List<String> entries = fs.list(path);
        if (entries.isEmpty() || owns(fs, path)) {
          return;
        }
        found = "a directory of other files (" + String.join(", ", entries.subList(0, Math.min(5, entries.size())))
            + (entries.size() > 5 ? ", ..." : "") + ")";
      }
      throw new LifecycleException(setting + " " + path + ": expected " + expectation() + ", found " + found
          + "; it is left as it is");
    } catch (IOException e) {
      throw new UncheckedIOException("checking " + path, e);
    }
  }

  private String expectation() {
    return markerFile == null ? "a new or empty directory for the output of '" + job + "'"
        : "nothing there, an empty directory or an earlier output of '" + job + "' (with " + markerFile + ")";
  }

  /** Writes this job's marker into {@code directory}. */
  public void mark(FileStore fs, String directory) {
    if (!writesMarker) {
      throw new IllegalStateException("'" + job + "' writes its own " + markerFile);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", format);
    json.put("job", job);
    try (OutputStream out = fs.create(fs.child(directory, markerFile))) {
      out.write(Json.write(json).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("marking " + directory, e);
    }
  }
}
