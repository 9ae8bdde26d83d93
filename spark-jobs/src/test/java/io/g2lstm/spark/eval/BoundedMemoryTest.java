package io.g2lstm.spark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.bench.ChildJvm;
import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.spark.train.TrainingFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep of several cells over a thousand sentences in a JVM of its own, under the small memory limits the launcher
 * would set for a budget of 1.5 GB: it completes, and its resident memory levels off instead of growing with the work
 * done (native arrays are freed as it goes, not when the process ends).
 */
class BoundedMemoryTest extends OnTrainedModel {

  private static final long BUDGET_MIB = 1536;

  @TempDir
  Path run;

  @Test
  void aLongSweepStaysWithinItsMemoryBudget() throws IOException, InterruptedException {
    Path corpus = run.resolve("corpus");
    new SyntheticCorpus(23).writeSplits(corpus, 10, 10, 1200);
    Map<String, Object> settings = Map.of(
        "evaluate.test-sets", List.of(Map.of("name", "many", "format", "plain",
            "source", corpus.resolve("test.src").toString(), "target", corpus.resolve("test.tgt").toString())),
        "evaluate.beam", 5, "evaluate.slices", 4, "sweep.grid", "many",
        "sweep.grids.many.round", List.of(0.5, 0.25),
        "sweep.grids.many.round-clip", List.of(Map.of("step", 0.5, "clip", 1.0)),
        "sweep.grids.many.svd-ranks", List.of(8, 4));
    Path conf = Files.writeString(run.resolve("sweep.conf"), TrainingFixture.configuration(work, run, settings)
        .renderResolved());

    ChildJvm.Outcome outcome = ChildJvm.withBudget(BUDGET_MIB).run(List.of("sweep", "--model", model.toString(),
        "--conf", conf.toString(), "--master", "local[2]"), run.resolve("sweep.log"), 600);
    assertEquals(0, outcome.status(), outcome.output());
    assertTrue(outcome.output().contains("sweep: tiny-trained, 6 settings x 1 test set(s)"), outcome.output());

    List<Long> resident = outcome.residentMib();
    long peak = outcome.peakResidentMib();
    assertTrue(peak <= BUDGET_MIB, "peak resident " + peak + " MiB over the budget of " + BUDGET_MIB + " MiB");
    // Flat: once the JVM has grown into its limits, the rest of the run (the last 40%, several cells) needs no more
    // than the run had needed by then, give or take a tenth.
    assertTrue(resident.size() >= 20, "too short a run to tell: " + resident);
    int split = resident.size() * 6 / 10;
    long before = resident.subList(0, split).stream().mapToLong(Long::longValue).max().orElseThrow();
    long after = resident.subList(split, resident.size()).stream().mapToLong(Long::longValue).max().orElseThrow();
    assertTrue(after <= before * 1.1, "resident memory grew from " + before + " to " + after + " MiB: " + resident);
  }
}
