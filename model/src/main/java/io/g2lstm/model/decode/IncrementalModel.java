package io.g2lstm.model.decode;

/**
 * A translation model that decodes one target position at a time: the encoder runs once per source batch, then each
 * step consumes the previous target tokens of all rows (hypotheses) and yields next-token log-probabilities.
 * Implementations are stateful and not thread-safe.
 */
public interface IncrementalModel {

  /** Encodes a batch of sources (subword ids) and prepares one decoder row per source. */
  void start(int[][] sources);

  /**
   * Advances every row by one token; returns next-token probabilities, row-major [rows, target vocabulary]: on the
   * heap, so that nothing a step allocates outside it needs to outlive the step. (Probabilities, not their logarithms:
   * a softmax costs a third of a log-softmax in ND4J, and beam search takes the logarithm of the few candidates it
   * keeps.)
   */
  float[] step(int[] previousTokens);

  /** Keeps the rows named by {@code rows} (which may repeat rows), in that order: beams pruned and copied. */
  void reorder(int[] rows);

  /** The size of the target vocabulary. */
  int targetVocabularySize();
}
