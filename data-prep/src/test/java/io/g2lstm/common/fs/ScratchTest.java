package io.g2lstm.common.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {

  @TempDir
  Path root;

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void copiesGoUnderOneDirectoryOfThisProcess() {
    Scratch scratch = new Scratch(root);
    Path first = scratch.directory("checkpoint-");
    Path second = scratch.directory("assets-");
    String process = Scratch.name(ProcessIdentity.current());
    assertEquals(root.resolve(process), first.getParent());
    assertEquals(first.getParent(), second.getParent());
    assertTrue(first.getFileName().toString().startsWith("checkpoint-"));
  }

  @Test
  void theDirectoriesOfEndedProcessesOfThisHostAreRemovedAndNothingElse() throws Exception {
    ProcessIdentity self = ProcessIdentity.current();
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Path killed = Files.createDirectories(root.resolve(Scratch.name(new ProcessIdentity(self.host(), ended.pid(),
        1))).resolve("checkpoint-x"));
    Files.writeString(killed.resolve("model.zip"), "copy");
    Path live = Files.createDirectories(root.resolve(Scratch.name(ProcessIdentity.of(ProcessHandle.current()
        .parent().orElseThrow()))));
    Path elsewhere = Files.createDirectories(root.resolve(Scratch.name(new ProcessIdentity("another-host", 1, 1))));
    Path unrelated = Files.createDirectories(root.resolve("my-files"));

    new Scratch(root).directory("assets-");
    assertEquals(List.of(live.getFileName().toString(), elsewhere.getFileName().toString(),
        Scratch.name(self), unrelated.getFileName().toString()).stream().sorted().toList(), listing(root));
  }
}
