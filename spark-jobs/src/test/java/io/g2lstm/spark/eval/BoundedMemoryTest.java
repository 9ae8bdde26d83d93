package io.g2lstm.spark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.bench.ChildJvm;
import io.g2lstm.cli.Main;
import io.g2lstm.common.JobSettings;
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
 * A sweep of 6 settings over 12,000 sentences in a JVM of its own, under the memory limits the launcher sets for a
 * budget of 1.5 GB: it completes within the budget, and its resident memory levels off instead of growing with the
 * work done (native arrays are freed as it goes, not when the process ends).
 */
class BoundedMemoryTest extends OnTrainedModel {

  private static final long BUDGET_MIB = 1536;

  @TempDir
  Path run;

  @Test
  void aLongSweepStaysWithinItsMemoryBudget() throws IOException, InterruptedException {
    Path corpus = run.resolve("corpus");
    new SyntheticCorpus(23).writeSplits(corpus, 10, 10, 12000);
    Map<String, Object> settings = Map.of(
        "evaluate.test-sets", List.of(Map.of("name", "many", "format", "plain",
            "source", corpus.resolve("test.src").toString(), "target", corpus.resolve("test.tgt").toString())),
        "evaluate.beam", 5, "evaluate.slices", 4, "sweep.grid", "many",
        "sweep.grids.many.round", List.of(0.5, 0.25),
        "sweep.grids.many.round-clip", List.of(Map.of("step", 0.5, "clip", 1.0)),
        "sweep.grids.many.svd-ranks", List.of(8, 4));
    Path conf = Files.writeString(run.resolve("sweep.conf"), JobSettings.read(TrainingFixture.configuration(work, run,
        settings), SweepSettings::from).resolved());

    ChildJvm.Outcome outcome = ChildJvm.withBudget(Main.class.getName(), BUDGET_MIB).run(List.of("sweep",
        "--model", model.toString(), "--conf", conf.toString(), "--master", "local[2]"), run.resolve("sweep.log"),
        600);
    assertEquals(0, outcome.status(), outcome.output());
    assertTrue(outcome.output().contains("sweep: tiny-trained, 6 settings x 1 test set(s)"), outcome.output());

    List<Long> resident = outcome.residentMib();
    long peak = outcome.peakResidentMib();
    assertTrue(peak <= BUDGET_MIB, "peak resident " + peak + " MiB over the budget of " + BUDGET_MIB + " MiB");
    // Flat: the second half of the run (half of the cells, then the tables) needs at most a quarter of the budget
    // more than the first half did. Some growth is expected, as the JVM grows lazily into its limits (heap, ND4J's
    // share before it collects); a process that kept what it translated grows with the work, far beyond that (the
    // sweep of the Multi30k model used to grow by about 150 MB/s).
    assertTrue(resident.size() >= 40, "too short a run to tell: " + resident);
    int half = resident.size() / 2;
    long first = resident.subList(0, half).stream().mapToLong(Long::longValue).max().orElseThrow();
    long second = resident.subList(half, resident.size()).stream().mapToLong(Long::longValue).max().orElseThrow();
    assertTrue(second - first <= BUDGET_MIB / 4,
        "resident memory grew from " + first + " to " + second + " MiB: " + resident);
  }
}
