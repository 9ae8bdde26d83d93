package io.g2lstm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Holds every package of the three modules to its {@code package-info.java}: each package has one, saying what it
 * holds and, in a "Depends on:" sentence, the g2lstm packages its classes import; the imports are exactly those,
 * and the packages depend on one another without cycles. Reads the sources beside this module.
 */
class PackageDependenciesTest {

  private static final List<String> MODULES = List.of("data-prep", "model", "spark-jobs");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.g2lstm\\.[\\w.]+);",
      Pattern.MULTILINE);
  private static final Pattern DEPENDS_ON = Pattern.compile("Depends on: (.*?)\\.(?:\\s|$)");
  private static final String NOTHING = "nothing else in g2lstm";

  /** Package name to its directory, for every directory of main sources that holds classes. */
  private static final Map<String, Path> PACKAGES = new TreeMap<>();

  @BeforeAll
  static void findPackages() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    for (String module : MODULES) {
      Path sources = root.resolve(module).resolve("src/main/java");
      assertTrue(Files.isDirectory(sources), "expected the sources of " + module + " at " + sources);
      try (Stream<Path> dirs = Files.walk(sources)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          if (!classesIn(dir).isEmpty()) {
            PACKAGES.put(sources.relativize(dir).toString().replace('/', '.'), dir);
          }
        }
      }
    }
    assertFalse(PACKAGES.isEmpty(), "no packages found under " + root);
  }

  @Test
  void everyPackageDeclaresExactlyTheImportsItHas() {
    List<Executable> checks = new ArrayList<>();
    for (Map.Entry<String, Path> entry : PACKAGES.entrySet()) {
      String name = entry.getKey();
      checks.add(() -> assertEquals(declared(name, entry.getValue()), imported(name, entry.getValue()),
          name + ": the packages named in package-info.java's 'Depends on:' against those its classes import"));
    }
    assertAll(checks);
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Map.Entry<String, Path> entry : PACKAGES.entrySet()) {
      graph.put(entry.getKey(), imported(entry.getKey(), entry.getValue()));
    }
    Set<String> done = new HashSet<>();
    for (String name : graph.keySet()) {
      visit(name, graph, new ArrayList<>(), done);
    }
    assertEquals(graph.keySet(), done);
  }

  @Test
  void theCheckSeesADependencyThatPackageInfoDoesNotName() throws IOException {
    Path cli = PACKAGES.get("io.g2lstm.cli");
    Path common = PACKAGES.get("io.g2lstm.common");
    assertTrue(imported("io.g2lstm.cli", cli).contains("io.g2lstm.spark"), "cli imports the Spark jobs");
    assertFalse(declared("io.g2lstm.common", common).contains("io.g2lstm.spark"), "common may not depend on them");
  }

  private static void visit(String name, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
    if (done.contains(name)) {
      return;
    }
    if (path.contains(name)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      fail("packages depend on each other in a cycle: " + String.join(" -> ", cycle));
    }
    path.add(name);
    for (String dependency : graph.getOrDefault(name, Set.of())) {
      visit(dependency, graph, path, done);
    }
    path.remove(path.size() - 1);
    done.add(name);
  }

  private static Set<String> declared(String name, Path dir) throws IOException {
    Path info = dir.resolve("package-info.java");
    assertTrue(Files.isRegularFile(info), name + ": expected a package-info.java saying what it holds, found none");
    String text = Files.readString(info, StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
    Matcher matcher = DEPENDS_ON.matcher(text);
    assertTrue(matcher.find(), info + ": expected a sentence 'Depends on: <packages>.', found none");
    String list = matcher.group(1).trim();
    Set<String> packages = new TreeSet<>();
    if (!list.equals(NOTHING)) {
      for (String dependency : list.split(",")) {
        String trimmed = dependency.trim();
        assertTrue(PACKAGES.containsKey(trimmed), info + ": names '" + trimmed + "', which is not a package");
        packages.add(trimmed);
      }
    }
    return packages;
  }

  private static Set<String> imported(String name, Path dir) throws IOException {
    Set<String> packages = new TreeSet<>();
    for (Path source : classesIn(dir)) {
      Matcher matcher = IMPORT.matcher(Files.readString(source, StandardCharsets.UTF_8));
      while (matcher.find()) {
        packages.add(packageOf(matcher.group(1)));
      }
    }
    packages.remove(name);
    return packages;
  }

  /** The leading lower-case segments of a class or static member name. */
  private static String packageOf(String qualifiedName) {
    List<String> segments = new ArrayList<>();
    for (String segment : qualifiedName.split("\\.")) {
      if (Character.isUpperCase(segment.charAt(0))) {
        break;
      }
      segments.add(segment);
    }
    return String.join(".", segments);
  }

  private static List<Path> classesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.toString().endsWith(".java") && !file.endsWith("package-info.java"))
          .sorted().toList();
    }
  }
}
