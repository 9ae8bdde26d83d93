package io.g2lstm.model.decode;

import io.g2lstm.common.DataException;
import io.g2lstm.model.ModelSettings;
import io.g2lstm.model.bleu.CorpusBleu;
import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.data.TextCodec;
import io.g2lstm.model.data.TranslationAssets;
import io.g2lstm.model.graph.TranslationGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Raw text in, raw text out: tokenize, BPE, translate in batches, remove BPE, detokenize. Blank lines give blank
 * lines, so line counts are preserved. Not thread-safe.
 */
public final class Translator {

  private final IncrementalModel model;
  private final TextCodec codec;
  private final BeamSearch search;
  private final int batchSize;

  public Translator(IncrementalModel model, TextCodec codec, BeamSearch search, int batchSize) {
    this.model = model;
    this.codec = codec;
    this.search = search;
    this.batchSize = batchSize;
  }

  /**
   * A translation as raw text and as the tokens it was detokenized from (BPE joints removed).
   *
   * @param text what {@link #translate} returns
   * @param tokens the tokenized text that tokenized BLEU scores
   */
  public record Translation(String text, String tokens) {}

  /** A translator for a checkpoint, after checking that its model fits its vocabularies. */
  public static Translator fromCheckpoint(Checkpoint checkpoint, BeamSearch search, int batchSize) {
    return forModel(checkpoint, checkpoint.loadModel(), search, batchSize);
  }

  /**
   * A translator for {@code graph}, a model of {@code checkpoint}'s configuration (the checkpoint's own, or a
   * changed copy of it), after checking that it fits the checkpoint's vocabularies.
   */
  public static Translator forModel(Checkpoint checkpoint, ComputationGraph graph, BeamSearch search,
      int batchSize) {
    TranslationAssets assets = checkpoint.assets();
    ModelSettings model = ModelSettings.from(checkpoint.settings());
    long sourceRows = graph.getLayer(TranslationGraph.SOURCE_EMBEDDING).getParam("W").size(0);
    long targetRows = graph.getLayer(TranslationGraph.TARGET_EMBEDDING).getParam("W").size(0);
    if (sourceRows != assets.sourceVocabulary().size() || targetRows != assets.targetVocabulary().size()) {
      throw new DataException(checkpoint + ": expected a model for its vocabularies (" + assets.sourceVocabulary()
          .size() + " source, " + assets.targetVocabulary().size() + " target entries), found one with "
          + sourceRows + " and " + targetRows);
    }
    return new Translator(new GraphStepDecoder(graph, model.layers()), new TextCodec(assets), search, batchSize);
  }

  /**
   * Translates {@code sources} and scores the result against {@code references} (one reference per source) with
   * corpus BLEU in both flavours; the references are tokenized for tokenized BLEU as the training data was.
   */
  public Scored translateAndScore(List<String> sources, List<String> references) {
    if (sources.size() != references.size()) {
      throw new DataException("test set: expected as many references as sources, found " + sources.size()
          + " sources and " + references.size() + " references");
    }
    List<Translation> translations = translateWithTokens(sources);
    List<String> hypotheses = new ArrayList<>(translations.size());
    CorpusBleu bleu = new CorpusBleu();
    for (int i = 0; i < translations.size(); i++) {
      Translation translation = translations.get(i);
      hypotheses.add(translation.text());
      bleu.add(translation.text(), translation.tokens(), references.get(i),
          codec.tokenizeTarget(references.get(i)));
    }
    return new Scored(hypotheses, bleu);
  }

  /** Translations and their BLEU statistics. */
  public record Scored(List<String> hypotheses, CorpusBleu bleu) {}

  /** Translations of the lines, in order. */
  public List<String> translate(List<String> lines) {
    List<String> output = new ArrayList<>(lines.size());
    for (Translation translation : translateWithTokens(lines)) {
      output.add(translation.text());
    }
    return output;
  }

  /**
   * Translations of the lines, in order, with their tokens; a blank line gives an empty translation. Sources are
   * searched in batches of similar length (sorted by length, as fairseq and Marian batch them), so that a batch's
   * encoder pads little and its sentences finish at about the same step.
   */
  public List<Translation> translateWithTokens(List<String> lines) {
    int[][] sources = new int[lines.size()][];
    List<Integer> byLength = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      sources[i] = codec.encodeSource(lines.get(i));
      if (sources[i].length > 0) {
        byLength.add(i);
      }
    }
    byLength.sort(Comparator.comparingInt(i -> sources[i].length));
    List<Translation> output = new ArrayList<>(Collections.nCopies(lines.size(), new Translation("", "")));
    for (int from = 0; from < byLength.size(); from += batchSize) {
      List<Integer> batch = byLength.subList(from, Math.min(byLength.size(), from + batchSize));
      int[][] hypotheses = search.translate(model, batch.stream().map(i -> sources[i]).toArray(int[][]::new));
      for (int j = 0; j < hypotheses.length; j++) {
        String tokens = codec.targetTokens(hypotheses[j]);
        output.set(batch.get(j), new Translation(codec.detokenizeTarget(tokens), tokens));
      }
    }
    return output;
  }
}
