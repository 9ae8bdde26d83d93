package io.g2lstm.common.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ProcessIdentityTest {

  @Test
  void theStartIsField22OfProcStatEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
    StringBuilder stat = new StringBuilder("4242 (java (main) x) S");
    for (int field = 4; field <= 52; field++) {
      stat.append(' ').append(field == 22 ? 987654321L : field);
    }
    assertEquals(987654321L, ProcessIdentity.startTicks(stat + "\n"));
  }

  /**
   * The start of a live process is what the kernel counted at its start, not a wall-clock instant derived from the
   * boot time (which moves when the clock is stepped), so this process is never taken for an ended one.
   */
  @Test
  void aLiveProcessIsNotEndedAndItsStartIsTheKernelsTickCount() throws Exception {
    ProcessIdentity self = ProcessIdentity.current();
    assertFalse(self.endedOnThisHost());
    assertFalse(ProcessIdentity.from(ProcessIdentity.parse(self.toJson(Map.of())).orElseThrow()).endedOnThisHost());
    Path stat = Path.of("/proc/self/stat");
    Assumptions.assumeTrue(Files.isReadable(stat), "no /proc here");
    assertEquals(ProcessIdentity.startTicks(Files.readString(stat)), self.startTime());
    assertTrue(new ProcessIdentity(self.host(), self.pid(), self.startTime() + 1).endedOnThisHost(),
        "another start time under the same pid is another process");
  }
}
