package io.g2lstm.spark.eval;

import io.g2lstm.common.Names;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.prep.corpus.CorpusSpec;
import io.g2lstm.prep.corpus.Split;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of the {@code evaluate} job, read from the {@code evaluate} section (documented beside their
 * defaults in the spark-jobs module's {@code g2lstm-reference.conf}), and where result tables go.
 *
 * @param testSets the test corpora to translate and score
 * @param slices parts each test set is cut into per model, one task each (0: the cluster's default parallelism)
 */
public record EvaluateSettings(List<CorpusSpec> testSets, DistributedEvaluation.Decoding decoding, int slices,
    String warehouse) {

  public EvaluateSettings {
    testSets = List.copyOf(testSets);
  }

  /** Reads and checks {@code evaluate} and {@code results.warehouse}. */
  public static EvaluateSettings from(SettingsReader root) {
    SettingsReader s = root.section("evaluate");
    List<CorpusSpec> testSets = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (SettingsReader entry : s.sectionList("test-sets", CorpusSpec.KEYS)) {
      CorpusSpec testSet = CorpusSpec.from(entry, Split.TEST);
      Names.setting(entry, "name", testSet.name());
      if (names.contains(testSet.name())) {
        throw entry.invalid("name", "a name no other test set has", "a second '" + testSet.name() + "'");
      }
      names.add(testSet.name());
      testSets.add(testSet);
    }
    if (testSets.isEmpty()) {
      throw s.invalid("test-sets", "at least one test set (by default prepare.corpora.test)", "an empty list");
    }
    BeamSearch search = new BeamSearch(s.intIn("beam", 1, 1000), s.doubleIn("length-penalty", 0, 10),
        s.doubleIn("max-length-ratio", 0.1, 100), s.intIn("max-length-extra", 0, 10_000));
    return new EvaluateSettings(testSets, new DistributedEvaluation.Decoding(search, s.intIn("batch-size", 1,
        100_000)), s.intIn("slices", 0, 100_000), root.section("results").nonBlankString("warehouse"));
  }
}
