package io.g2lstm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedDirTest {

  @TempDir
  Path dir;

  @Test
  void aMissingSharedFolderSkipsOutsideCiAndFailsInCi() {
    Path missing = dir.resolve("shared");
    assertEquals(Optional.empty(), SharedDir.find(missing, false));
    assertEquals(Optional.empty(), SharedDir.resolve(missing, "fixtures/bpe", false));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedDir.find(missing, true));
    assertEquals("CI=true: expected the shared folder at " + missing + ", found nothing there; the parity tests "
        + "need it", e.getMessage());
    assertThrows(IllegalStateException.class, () -> SharedDir.resolve(missing, "fixtures/bpe", true));
  }

  @Test
  void aMissingPathInsideTheFolderFailsOnlyInCi() throws IOException {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Path fixtures = Files.createDirectories(shared.resolve("fixtures/bpe"));
    assertEquals(Optional.of(fixtures), SharedDir.resolve(shared, "fixtures/bpe", true));
    assertEquals(Optional.empty(), SharedDir.resolve(shared, "fixtures/moses", false));

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SharedDir.resolve(shared, "fixtures/moses", true));
    assertTrue(e.getMessage().contains(shared.resolve("fixtures/moses").toString()), e.getMessage());
  }
}
