package io.g2lstm.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the {@code shared/} folder of reference data and fixtures: the environment variable
 * {@code G2_SHARED_DIR}, else the system property {@code g2lstm.sharedDir.default} (set by the build for tests),
 * else {@code ../shared} relative to the working directory.
 */
public final class SharedDir {

  public static final String ENV = "G2_SHARED_DIR";
  static final String DEFAULT_PROPERTY = "g2lstm.sharedDir.default";

  private SharedDir() {}

  /** The shared folder, if it exists. */
  public static Optional<Path> find() {
    String configured = System.getenv(ENV);
    if (configured == null || configured.isBlank()) {
      configured = System.getProperty(DEFAULT_PROPERTY, "../shared");
    }
    Path dir = Path.of(configured).toAbsolutePath().normalize();
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }

  /** A path inside the shared folder, if the folder and the path exist. */
  public static Optional<Path> resolve(String relative) {
    return find().map(d -> d.resolve(relative)).filter(Files::exists);
  }

  /** Describes where the shared folder was looked for, for skip messages. */
  public static String describeSearch() {
    return "set " + ENV + " or place shared/ beside the project root (looked in "
        + Path.of(System.getenv(ENV) != null ? System.getenv(ENV)
            : System.getProperty(DEFAULT_PROPERTY, "../shared")).toAbsolutePath().normalize() + ")";
  }
}
