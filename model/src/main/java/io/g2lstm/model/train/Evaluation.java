package io.g2lstm.model.train;

import io.g2lstm.model.data.Minibatches;
import io.g2lstm.model.data.ParallelIds;
import java.io.Serializable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;

/** Loss-based evaluation of a translation model on held-out pairs. */
public final class Evaluation {

  private Evaluation() {}

  /**
   * The summed negative log-likelihood (natural log) of target tokens ({@code </s>} included) and their number:
   * what perplexity is computed from, and what parts of a split sum into.
   */
  public record TokenLoss(double negativeLogLikelihood, long tokens) implements Serializable {

    public static final TokenLoss NONE = new TokenLoss(0, 0);

    public TokenLoss plus(TokenLoss other) {
      return new TokenLoss(negativeLogLikelihood + other.negativeLogLikelihood, tokens + other.tokens);
    }

    /** exp(loss per token); NaN without tokens. */
    public double perplexity() {
      return tokens == 0 ? Double.NaN : Math.exp(negativeLogLikelihood / tokens);
    }
  }

  /**
   * Perplexity per target token ({@code </s>} included): exp of the summed negative log-likelihood over the summed
   * token count, in inference mode (no dropout, no gate noise). NaN for an empty split.
   */
  public static double perplexity(ComputationGraph graph, ParallelIds data, int batchSize) {
    return loss(graph, data, batchSize).perplexity();
  }

  /** The summed loss of the pairs, in inference mode. */
  public static TokenLoss loss(ComputationGraph graph, ParallelIds data, int batchSize) {
    double nll = 0;
    long tokens = 0;
    for (int[] indices : Minibatches.inOrder(data.size(), batchSize)) {
      MultiDataSet batch = Minibatches.encode(data, indices, DataType.FLOAT);
      // DL4J's score is the summed loss divided by the minibatch size.
      nll += graph.score(batch, false) * indices.length;
      tokens += batch.getLabelsMaskArray(0).sumNumber().longValue();
    }
    return new TokenLoss(nll, tokens);
  }
}
