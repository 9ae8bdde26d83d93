package io.g2lstm.spark.eval;

import io.g2lstm.model.bleu.CorpusBleu;
import io.g2lstm.model.data.ParallelIds;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.model.train.Checkpoint;
import io.g2lstm.model.train.Evaluation;
import io.g2lstm.model.train.Evaluation.TokenLoss;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Evaluates variants of one checkpoint's model across the cluster: the checkpoint, the test set and the validation
 * pairs are broadcast once; every (variant, slice) pair is a task that builds the variant from the checkpoint,
 * translates its slice of the test set with beam search, and scores its slice of the validation pairs. Each task
 * returns BLEU statistics and summed losses, which the driver adds up per variant (corpus BLEU from summed n-gram
 * statistics, never an average of scores), and its translations, which the driver puts back in test-set order.
 */
public final class DistributedEvaluation {

  /**
   * What one variant achieved on the whole test set and validation split.
   *
   * @param hypotheses the translations, in test-set order
   * @param validation summed loss on the validation pairs ({@link TokenLoss#NONE} when there are none)
   * @param compressionRatio of the gate blocks (1 for the model as trained)
   */
  public record VariantResult(ModelVariant variant, List<String> hypotheses, CorpusBleu bleu, TokenLoss validation,
      double compressionRatio) {}

  /** How to translate. */
  public record Decoding(BeamSearch search, int batchSize) implements Serializable {}

  /** One task's share: a variant and a slice of the test set and of the validation pairs. */
  record Task(int variant, int slice, int slices) implements Serializable {}

  /** What one task returns. */
  record SliceResult(Task task, List<String> hypotheses, CorpusBleu bleu, TokenLoss validation,
      double compressionRatio) implements Serializable {}

  private DistributedEvaluation() {}

  /**
   * Evaluates every variant, splitting the test set (and validation pairs) into {@code slices} parts per variant.
   *
   * @param validation pairs to compute perplexity on (may be empty)
   */
  public static List<VariantResult> run(JavaSparkContext sc, CheckpointFiles checkpoint, List<ModelVariant> variants,
      TestSet testSet, ParallelIds validation, Decoding decoding, int slices) {
    int perVariant = Math.max(1, Math.min(slices, testSet.size()));
    List<Task> tasks = new ArrayList<>();
    for (int v = 0; v < variants.size(); v++) {
      for (int s = 0; s < perVariant; s++) {
        tasks.add(new Task(v, s, perVariant));
      }
    }
    Broadcast<Shared> shared = sc.broadcast(new Shared(checkpoint, List.copyOf(variants), testSet, validation,
        decoding));
    try {
      List<SliceResult> slicesDone = sc.parallelize(tasks, tasks.size()).mapPartitions(new RunTasks(shared))
          .collect();
      return merge(variants, slicesDone);
    } finally {
      shared.destroy();
    }
  }

  /** Adds up the slices of each variant, in slice order. */
  static List<VariantResult> merge(List<ModelVariant> variants, List<SliceResult> slices) {
    List<SliceResult> ordered = new ArrayList<>(slices);
    ordered.sort((a, b) -> a.task().variant() != b.task().variant()
        ? Integer.compare(a.task().variant(), b.task().variant()) : Integer.compare(a.task().slice(), b.task().slice()));
    List<VariantResult> results = new ArrayList<>();
    int next = 0;
    for (int v = 0; v < variants.size(); v++) {
      List<String> hypotheses = new ArrayList<>();
      CorpusBleu bleu = new CorpusBleu();
      TokenLoss loss = TokenLoss.NONE;
      double ratio = 1;
      for (; next < ordered.size() && ordered.get(next).task().variant() == v; next++) {
        SliceResult slice = ordered.get(next);
        hypotheses.addAll(slice.hypotheses());
        bleu.merge(slice.bleu());
        loss = loss.plus(slice.validation());
        ratio = slice.compressionRatio();
      }
      results.add(new VariantResult(variants.get(v), List.copyOf(hypotheses), bleu, loss, ratio));
    }
    return results;
  }

  /**
   * Evaluates one task's share in this process: the variant built from the checkpoint's model, its slice of the
   * test set translated and scored, its slice of the validation pairs scored.
   */
  static SliceResult evaluate(Task task, Checkpoint checkpoint, ModelVariant variant, TestSet testSet,
      ParallelIds validation, Decoding decoding) {
    ComputationGraph graph = checkpoint.loadModel();
    double ratio = variant.applyTo(graph);
    int from = start(task.slice(), task.slices(), testSet.size());
    int to = start(task.slice() + 1, task.slices(), testSet.size());
    Translator translator = Translator.forModel(checkpoint, graph, decoding.search(), decoding.batchSize());
    Translator.Scored scored = translator.translateAndScore(testSet.sources().subList(from, to),
        testSet.references().subList(from, to));
    ParallelIds validationSlice = validation.slice(start(task.slice(), task.slices(), validation.size()),
        start(task.slice() + 1, task.slices(), validation.size()));
    TokenLoss loss = Evaluation.loss(graph, validationSlice, decoding.batchSize());
    return new SliceResult(task, scored.hypotheses(), scored.bleu(), loss, ratio);
  }

  /** The first index of slice {@code s} of {@code n} items cut into {@code slices} nearly equal parts. */
  static int start(int s, int slices, int n) {
    return (int) ((long) s * n / slices);
  }

  /** What every task needs, broadcast once. */
  private record Shared(CheckpointFiles checkpoint, List<ModelVariant> variants, TestSet testSet,
      ParallelIds validation, Decoding decoding) implements Serializable {}

  private record RunTasks(Broadcast<Shared> shared) implements FlatMapFunction<Iterator<Task>, SliceResult> {

    @Override
    public Iterator<SliceResult> call(Iterator<Task> tasks) {
      Shared s = shared.value();
      Checkpoint checkpoint = s.checkpoint().open();
      List<SliceResult> results = new ArrayList<>();
      while (tasks.hasNext()) {
        Task task = tasks.next();
        results.add(evaluate(task, checkpoint, s.variants().get(task.variant()), s.testSet(), s.validation(),
            s.decoding()));
      }
      return results.iterator();
    }
  }
}
