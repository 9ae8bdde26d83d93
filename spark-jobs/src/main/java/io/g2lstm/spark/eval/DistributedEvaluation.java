package io.g2lstm.spark.eval;

import io.g2lstm.model.bleu.CorpusBleu;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.model.train.Evaluation;
import io.g2lstm.model.train.Evaluation.TokenLoss;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Evaluates variants of one checkpoint's model across the cluster: the checkpoint, the test sets and the validation
 * pairs are broadcast once; every (variant, test set, slice) triple is a task that builds the variant from the
 * checkpoint, translates its slice of the test set with beam search, and (for the first test set) scores its slice
 * of the validation pairs. Each task returns BLEU statistics and summed losses, which the driver adds up per variant
 * and test set (corpus BLEU from summed n-gram statistics, never an average of scores), and its translations, which
 * the driver puts back in test-set order.
 */
public final class DistributedEvaluation {

  /**
   * What one variant achieved on one whole test set, and on the validation split.
   *
   * @param hypotheses the translations, in test-set order
   * @param validation summed loss on the validation pairs ({@link TokenLoss#NONE} when there are none)
   * @param compressionRatio of the gate blocks (1 for the model as trained)
   */
  public record VariantResult(ModelVariant variant, TestSet testSet, List<String> hypotheses, CorpusBleu bleu,
      TokenLoss validation, double compressionRatio) {}

  /** How to translate. */
  public record Decoding(BeamSearch search, int batchSize) implements Serializable {}

  /**
   * One task's share: a variant, a slice of a test set and, with the first test set, the same slice of the
   * validation pairs.
   */
  record Task(int variant, int testSet, int slice, int slices) implements Serializable {}

  /** What one task returns. */
  record SliceResult(Task task, List<String> hypotheses, CorpusBleu bleu, TokenLoss validation,
      double compressionRatio) implements Serializable {}

  private DistributedEvaluation() {}

  /**
   * Evaluates every variant on every test set, cutting each test set (and the validation pairs) into
   * {@code slices} parts per variant; results come variant by variant, each in the order of {@code testSets}.
   *
   * @param validation pairs to compute perplexity on (may be empty)
   */
  public static List<VariantResult> run(JavaSparkContext sc, CheckpointFiles checkpoint, List<ModelVariant> variants,
      List<TestSet> testSets, ParallelIds validation, Decoding decoding, int slices) {
    List<Task> tasks = new ArrayList<>();
    for (int v = 0; v < variants.size(); v++) {
      for (int t = 0; t < testSets.size(); t++) {
        int parts = Math.max(1, Math.min(slices, testSets.get(t).size()));
        for (int s = 0; s < parts; s++) {
          tasks.add(new Task(v, t, s, parts));
        }
      }
    }
    Broadcast<Shared> shared = sc.broadcast(new Shared(checkpoint, List.copyOf(variants), List.copyOf(testSets),
        validation, decoding));
    try {
      List<SliceResult> done = sc.parallelize(tasks, tasks.size()).mapPartitions(new RunTasks(shared)).collect();
      return merge(variants, testSets, done);
    } finally {
      shared.destroy();
    }
  }

  /** Adds up the slices of each variant and test set, in slice order. */
  static List<VariantResult> merge(List<ModelVariant> variants, List<TestSet> testSets, List<SliceResult> slices) {
    List<SliceResult> ordered = new ArrayList<>(slices);
    ordered.sort(Comparator.comparingInt((SliceResult r) -> r.task().slice()));
    List<VariantResult> results = new ArrayList<>();
    for (int v = 0; v < variants.size(); v++) {
      TokenLoss loss = TokenLoss.NONE;
      for (SliceResult slice : ordered) {
        if (slice.task().variant() == v) {
          loss = loss.plus(slice.validation());
        }
      }
      for (int t = 0; t < testSets.size(); t++) {
        List<String> hypotheses = new ArrayList<>();
        CorpusBleu bleu = new CorpusBleu();
        double ratio = 1;
        for (SliceResult slice : ordered) {
          if (slice.task().variant() == v && slice.task().testSet() == t) {
            hypotheses.addAll(slice.hypotheses());
            bleu.merge(slice.bleu());
            ratio = slice.compressionRatio();
          }
        }
        results.add(new VariantResult(variants.get(v), testSets.get(t), List.copyOf(hypotheses), bleu, loss, ratio));
      }
    }
    return results;
  }

  /**
   * Evaluates one task's share in this process: the variant built from the checkpoint's model, its slice of the
   * test set translated and scored, its slice of the validation pairs scored.
   */
  static SliceResult evaluate(Task task, Checkpoint checkpoint, ModelVariant variant, TestSet testSet,
      ParallelIds validation, Decoding decoding) {
    // The validation pairs are scored once per variant: by the tasks of the first test set.
    ParallelIds validated = task.testSet() == 0 ? validation : validation.slice(0, 0);
    ComputationGraph graph = checkpoint.loadModel();
    double ratio = variant.applyTo(graph);
    int from = start(task.slice(), task.slices(), testSet.size());
    int to = start(task.slice() + 1, task.slices(), testSet.size());
    Translator translator = Translator.forModel(checkpoint, graph, decoding.search(), decoding.batchSize());
    Translator.Scored scored = translator.translateAndScore(testSet.sources().subList(from, to),
        testSet.references().subList(from, to));
    ParallelIds validationSlice = validated.slice(start(task.slice(), task.slices(), validated.size()),
        start(task.slice() + 1, task.slices(), validated.size()));
    TokenLoss loss = Evaluation.loss(graph, validationSlice, decoding.batchSize());
    return new SliceResult(task, scored.hypotheses(), scored.bleu(), loss, ratio);
  }

  /** The first index of slice {@code s} of {@code n} items cut into {@code slices} nearly equal parts. */
  static int start(int s, int slices, int n) {
    return (int) ((long) s * n / slices);
  }

  /** What every task needs, broadcast once. */
  private record Shared(CheckpointFiles checkpoint, List<ModelVariant> variants, List<TestSet> testSets,
      ParallelIds validation, Decoding decoding) implements Serializable {}

  private record RunTasks(Broadcast<Shared> shared) implements FlatMapFunction<Iterator<Task>, SliceResult> {

    @Override
    public Iterator<SliceResult> call(Iterator<Task> tasks) {
      Shared s = shared.value();
      Checkpoint checkpoint = s.checkpoint().open();
      List<SliceResult> results = new ArrayList<>();
      while (tasks.hasNext()) {
        Task task = tasks.next();
        results.add(evaluate(task, checkpoint, s.variants().get(task.variant()), s.testSets().get(task.testSet()),
            s.validation(), s.decoding()));
      }
      return results.iterator();
    }
  }
}
