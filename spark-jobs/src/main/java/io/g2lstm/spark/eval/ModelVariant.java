package io.g2lstm.spark.eval;

import io.g2lstm.model.compress.GateCompression;
import io.g2lstm.model.compress.GateCompressor;
import java.io.Serializable;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** A model to evaluate: a checkpoint's model as trained, or with its gate weights compressed. */
public sealed interface ModelVariant extends Serializable {

  /**
   * Changes {@code graph} (a fresh copy of the checkpoint's model) into this variant; returns the compression ratio
   * of its gate blocks (1 when uncompressed).
   */
  double applyTo(ComputationGraph graph);

  /** The model as trained. */
  record Original() implements ModelVariant {

    @Override
    public double applyTo(ComputationGraph graph) {
      return 1;
    }
  }

  /** The model with its input- and forget-gate weights compressed. */
  record Compressed(GateCompression compression) implements ModelVariant {

    @Override
    public double applyTo(ComputationGraph graph) {
      return GateCompressor.compressInPlace(graph, compression).compressionRatio();
    }
  }
}
