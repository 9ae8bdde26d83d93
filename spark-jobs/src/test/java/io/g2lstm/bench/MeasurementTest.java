package io.g2lstm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementTest {

  @Test
  void warmUpRoundsRunButAreNotSummarised() {
    double[] figures = {100, 200, 3, 1, 2, 50};
    List<Integer> seen = new ArrayList<>();
    Measurement.Summary summary = Measurement.run(2, 4, round -> {
      seen.add(round.round());
      round.put("x", figures[round.round() + 2]);
    });
    assertEquals(List.of(-2, -1, 0, 1, 2, 3), seen);
    assertEquals(4, summary.rounds().size());
    assertEquals(2.5, summary.median("x"), 1e-12, "median of 3, 1, 2, 50");
    assertEquals(2, summary.medianRound("x"), "the lower middle of 1, 2, 3, 50 is 2, recorded in round 2");
  }

  @Test
  void aTimedFigureIsTheWorksWallTime() throws Exception {
    Measurement.Summary summary = Measurement.run(0, 1, round -> round.time("sleep", () -> Thread.sleep(20)));
    assertTrue(summary.median("sleep") >= 0.019, "found " + summary.median("sleep"));
  }

  @Test
  void aMissingFigureAndBadRoundCountsAreNamed() {
    Measurement.Summary summary = Measurement.run(0, 2, round -> {
      if (round.round() == 0) {
        round.put("x", 1);
      }
    });
    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> summary.median("x"));
    assertEquals("round 1 recorded no figure 'x', found []", missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Measurement.run(0, 0, round -> { }));
    IllegalStateException failed = assertThrows(IllegalStateException.class,
        () -> Measurement.run(1, 1, round -> {
          throw new IOException("disk");
        }));
    assertEquals("benchmark round -1 failed: java.io.IOException: disk", failed.getMessage());
  }
}
