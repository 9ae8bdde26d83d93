package io.g2lstm.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the {@code shared/} folder of reference data and fixtures: the environment variable
 * {@code G2_SHARED_DIR}, else the system property {@code g2lstm.sharedDir.default} (set by the build for tests),
 * else {@code ../shared} relative to the working directory. Tests that need it skip when it is absent, except in CI
 * ({@code CI=true}, as CI services set it), where its absence, or the absence of a path asked for inside it, is an
 * error: CI must not pass without the parity tests.
 */
public final class SharedDir {

  public static final String ENV = "G2_SHARED_DIR";
  static final String DEFAULT_PROPERTY = "g2lstm.sharedDir.default";

  private SharedDir() {}

  /** The shared folder, if it exists; in CI, an error if it does not. */
  public static Optional<Path> find() {
    return find(location(), inCi());
  }

  /** A path inside the shared folder, if the folder and the path exist; in CI, an error if either does not. */
  public static Optional<Path> resolve(String relative) {
    return resolve(location(), relative, inCi());
  }

  static Optional<Path> find(Path dir, boolean required) {
    if (Files.isDirectory(dir)) {
      return Optional.of(dir);
    }
    if (required) {
      throw new IllegalStateException("CI=true: expected the shared folder at " + dir + ", found nothing there; "
          + "the parity tests need it");
    }
    return Optional.empty();
  }

  static Optional<Path> resolve(Path dir, String relative, boolean required) {
    Optional<Path> found = find(dir, required).map(d -> d.resolve(relative)).filter(Files::exists);
    if (found.isEmpty() && required) {
      throw new IllegalStateException("CI=true: expected " + dir.resolve(relative) + " in the shared folder, found "
          + "nothing there");
    }
    return found;
  }

  private static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static Path location() {
    String configured = System.getenv(ENV);
    if (configured == null || configured.isBlank()) {
      configured = System.getProperty(DEFAULT_PROPERTY, "../shared");
    }
    return Path.of(configured).toAbsolutePath().normalize();
  }

  /** Describes where the shared folder was looked for, for skip messages. */
  public static String describeSearch() {
    return "set " + ENV + " or place shared/ beside the project root (looked in " + location() + ")";
  }
}
