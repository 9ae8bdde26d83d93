package io.g2lstm.common.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.LifecycleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedDirectoryTest {

  private static final OutputOwner OWNER = OutputOwner.marked("job");
  private static final FileStore FS = LocalFileStore.INSTANCE;

  @TempDir
  Path root;

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void writeOutput(Path output, String content) throws IOException {
    try (StagedDirectory staged = StagedDirectory.begin(FS, output.toString(), OWNER, "out")) {
      Files.writeString(Path.of(staged.path()).resolve("data.txt"), content);
      staged.commit();
    }
  }

  /** An owner file of a process that has ended on this host. */
  private static String endedOwner(Path output) throws IOException, InterruptedException {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    return new ProcessIdentity(ProcessIdentity.current().host(), ended.pid(), 1).toJson(Map.of("output",
        output.toString(), "job", "job"));
  }

  @Test
  void aCommittedOutputReplacesAnEarlierOneOfTheJobAndLeavesNothingBeside() throws IOException {
    Path output = root.resolve("out");
    writeOutput(output, "first");
    writeOutput(output, "second");
    assertEquals("second", Files.readString(output.resolve("data.txt")));
    assertEquals(List.of(OutputOwner.MARKER, "data.txt"), listing(output));
    assertEquals(List.of("out"), listing(root));
  }

  @Test
  void anythingElseIsRefusedAndLeftAsItIs() throws IOException {
    Path foreign = Files.createDirectories(root.resolve("corpus"));
    Files.writeString(foreign.resolve("train.de"), "Daten");
    LifecycleException e = assertThrows(LifecycleException.class,
        () -> StagedDirectory.begin(FS, foreign.toString(), OWNER, "prepare.output"));
    assertEquals("prepare.output " + foreign + ": expected nothing there, an empty directory or an earlier output "
        + "of 'job' (with .g2lstm-output), found a directory of other files (train.de); it is left as it is",
        e.getMessage());
    Path file = Files.writeString(root.resolve("file"), "text");
    assertThrows(LifecycleException.class, () -> StagedDirectory.begin(FS, file.toString(), OWNER, "out"));
    // another job's output is not this job's
    Path other = root.resolve("other");
    try (StagedDirectory staged = StagedDirectory.begin(FS, other.toString(), OutputOwner.marked("gates"), "x")) {
      staged.commit();
    }
    assertThrows(LifecycleException.class, () -> StagedDirectory.begin(FS, other.toString(), OWNER, "out"));
    assertEquals(List.of("corpus", "file", "other"), listing(root));
    assertEquals("Daten", Files.readString(foreign.resolve("train.de")));
    assertEquals("text", Files.readString(file));
  }

  @Test
  void anOutputThatChangesWhileStagedIsNotReplaced() throws IOException {
    Path output = root.resolve("out");
    try (StagedDirectory staged = StagedDirectory.begin(FS, output.toString(), OWNER, "out")) {
      Files.createDirectories(output);
      Files.writeString(output.resolve("notes.txt"), "mine");
      assertThrows(LifecycleException.class, staged::commit);
    }
    assertEquals(List.of("notes.txt"), listing(output));
    assertEquals(List.of("out"), listing(root));
  }

  @Test
  void closingWithoutACommitRemovesTheStagingAndKeepsTheEarlierOutput() throws IOException {
    Path output = root.resolve("out");
    writeOutput(output, "first");
    try (StagedDirectory staged = StagedDirectory.begin(FS, output.toString(), OWNER, "out")) {
      Files.writeString(Path.of(staged.path()).resolve("data.txt"), "half");
    }
    assertEquals("first", Files.readString(output.resolve("data.txt")));
    assertEquals(List.of("out"), listing(root));
  }

  @Test
  void leftoversProvablyOfThisOutputAndOfEndedProcessesAreRemoved() throws Exception {
    Path output = root.resolve("out");
    writeOutput(output, "first");
    String stale = "out.tmp-" + UUID.randomUUID();
    Files.createDirectories(root.resolve(stale));
    Files.writeString(root.resolve(stale + ".owner"), endedOwner(output));
    String loneOwner = "out.tmp-" + UUID.randomUUID() + ".owner";
    Files.writeString(root.resolve(loneOwner), endedOwner(output));
    String oldOutput = "out.old-" + UUID.randomUUID();
    Files.createDirectories(root.resolve(oldOutput));
    OWNER.mark(FS, root.resolve(oldOutput).toString());

    String live = "out.tmp-" + UUID.randomUUID();
    Files.createDirectories(root.resolve(live));
    Files.writeString(root.resolve(live + ".owner"), ProcessIdentity.current().toJson(Map.of("output",
        output.toString())));
    String elsewhere = "out.tmp-" + UUID.randomUUID();
    Files.createDirectories(root.resolve(elsewhere));
    Files.writeString(root.resolve(elsewhere + ".owner"), new ProcessIdentity("another-host", 1, 1)
        .toJson(Map.of("output", output.toString())));
    String otherOutput = "out.tmp-" + UUID.randomUUID();
    Files.createDirectories(root.resolve(otherOutput));
    Files.writeString(root.resolve(otherOutput + ".owner"), endedOwner(root.resolve("elsewhere")));
    String unowned = "out.tmp-" + UUID.randomUUID();
    Files.createDirectories(root.resolve(unowned));
    String foreignOld = "out.old-" + UUID.randomUUID();
    Files.createDirectories(root.resolve(foreignOld).resolve("inside"));
    Files.createDirectories(root.resolve("out.tmp-not-a-uuid"));

    List<String> removed;
    try (StagedDirectory staged = StagedDirectory.begin(FS, output.toString(), OWNER, "out")) {
      removed = staged.removedLeftovers();
    }
    assertEquals(List.of(root.resolve(stale).toString(), root.resolve(loneOwner.replace(".owner", "")).toString(),
        root.resolve(oldOutput).toString()).stream().sorted().toList(), removed.stream().sorted().toList());
    assertEquals(List.of("out", live, live + ".owner", elsewhere, elsewhere + ".owner", otherOutput,
        otherOutput + ".owner", unowned, foreignOld, "out.tmp-not-a-uuid").stream().sorted().toList(),
        listing(root));
  }

  @Test
  void anOldOutputWithoutAnOutputBesideItStaysUntilANewOneIsCommitted() throws IOException {
    Path output = root.resolve("out");
    String oldOutput = "out.old-" + UUID.randomUUID();
    Files.createDirectories(root.resolve(oldOutput));
    OWNER.mark(FS, root.resolve(oldOutput).toString());
    try (StagedDirectory staged = StagedDirectory.begin(FS, output.toString(), OWNER, "out")) {
      assertTrue(Files.isDirectory(root.resolve(oldOutput)), "a kill between the moves of a commit keeps it");
      staged.commit();
    }
    assertEquals(List.of("out"), listing(root));
  }

  @Test
  void anUnwritableParentIsAConfigurationErrorNamingTheSetting() throws IOException {
    // a file where a directory should be: unwritable whoever runs the test (permissions do not stop root)
    Path notADirectory = Files.writeString(root.resolve("locked"), "a file");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> StagedDirectory.begin(FS, notADirectory.resolve("out").toString(), OWNER, "--output"));
    assertTrue(e.getMessage().startsWith("--output " + notADirectory.resolve("out") + ": expected a location this "
        + "job can write to"), e.getMessage());
    assertEquals("a file", Files.readString(notADirectory));
    assertEquals(List.of("locked"), listing(root));
  }
}
