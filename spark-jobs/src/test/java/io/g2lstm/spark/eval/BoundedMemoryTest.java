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
 * A sweep of many cells over thousands of sentences in a JVM of its own, under the small memory limits the launcher
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
    new SyntheticCorpus(23).writeSplits(corpus, 10, 10, 3000);
    Map<String, Object> settings = Map.of(
        "evaluate.test-sets", List.of(Map.of("name", "many", "format", "plain",
            "source", corpus.resolve("test.src").toString(), "target", corpus.resolve("test.tgt").toString())),
        "evaluate.beam", 5, "evaluate.slices", 4, "sweep.grid", "many",
        "sweep.grids.many.round", List.of(0.5, 0.25, 0.125),
        "sweep.grids.many.round-clip", List.of(Map.of("step", 0.5, "clip", 1.0), Map.of("step", 0.25, "clip", 0.5)),
        "sweep.grids.many.svd-ranks", List.of(8, 4, 2));
    Path conf = Files.writeString(run.resolve("sweep.conf"), TrainingFixture.configuration(work, run, settings)
        .renderResolved());

    ChildJvm.Outcome outcome = ChildJvm.withBudget(BUDGET_MIB).run(List.of("sweep", "--model", model.toString(),
        "--conf", conf.toString(), "--master", "local[2]"), run.resolve("sweep.log"), 600);
    assertEquals(0, outcome.status(), outcome.output());
    assertTrue(outcome.output().contains("sweep: tiny-trained, 9 settings x 1 test set(s)"), outcome.output());

    List<Long> resident = outcome.residentMib();
    long peak = outcome.peakResidentMib();
    assertTrue(peak <= BUDGET_MIB, "peak resident " + peak + " MiB over the budget of " + BUDGET_MIB + " MiB");
    // Flat: the second half of the run needs no more than the first half did, give or take a tenth.
    List<Long> first = resident.subList(0, resident.size() / 2);
    List<Long> second = resident.subList(resident.size() / 2, resident.size());
    long firstPeak = first.stream().mapToLong(Long::longValue).max().orElseThrow();
    long secondPeak = second.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertTrue(resident.size() >= 20, "too short a run to tell: " + resident);
    assertTrue(secondPeak <= firstPeak * 1.1, "resident memory grew: " + resident);
  }
}
