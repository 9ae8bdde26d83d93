package io.g2lstm.model.decode;

import io.g2lstm.model.graph.LuongAttention;
import io.g2lstm.model.graph.SoftmaxCrossEntropy;
import io.g2lstm.model.graph.TranslationGraph;
import io.g2lstm.model.layer.AttentionMath;
import io.g2lstm.model.layer.DecoderState;
import io.g2lstm.model.layer.InputFeedingDecoderVertex;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Incremental decoding with a trained translation graph. The encoder runs once per source batch (through the graph
 * itself, with the source mask); each step then looks up the target embeddings, advances every decoder layer by one
 * position with its own {@code rnnTimeStep} state, applies the attention of {@link AttentionMath} with one query
 * position and the output layer, and returns probabilities. Reordering beams reorders the encoder states, the
 * source mask and every decoder layer's state.
 *
 * <p>In inference mode there is no dropout and no gate noise, so these steps compute what the graph computes with
 * teacher forcing. Not thread-safe: it drives the graph's layer states.
 */
public final class GraphStepDecoder implements IncrementalModel {

  private static final String STEP_WORKSPACE_ID = "g2lstm-decoder-step";
  private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
      .initialSize(0).policyLearning(LearningPolicy.FIRST_LOOP).policyAllocation(AllocationPolicy.OVERALLOCATE)
      .overallocationLimit(0.2).policySpill(SpillPolicy.REALLOCATE).build();

  private final ComputationGraph graph;
  private final int layers;
  private final INDArray targetEmbedding;
  /** The input-feeding decoder, or null when the graph's decoder is of the attention-after kind. */
  private final InputFeedingDecoderVertex inputFeeding;
  private DecoderState inputFeedingState;
  private final INDArray wa;
  private final INDArray wc;
  private final INDArray outputWeights;
  private final INDArray outputBias;
  private INDArray encoder;
  private INDArray sourceMask;
  /** The source sentence of every decoder row; beams never leave their sentence, so this rarely changes. */
  private int[] sentenceOfRow;
  private INDArray rowEncoder;
  private INDArray rowSourceMask;

  public GraphStepDecoder(ComputationGraph graph, int layers) {
    this.graph = graph;
    this.layers = layers;
    this.targetEmbedding = graph.getLayer(TranslationGraph.TARGET_EMBEDDING).getParam("W");
    this.inputFeeding = graph.getVertex(TranslationGraph.DECODER) instanceof InputFeedingDecoderVertex decoder
        ? decoder : null;
    if (inputFeeding == null) {
      Map<String, INDArray> attention = graph.getVertex(TranslationGraph.ATTENTION).paramTable(false);
      this.wa = attention.get(LuongAttention.SCORE_WEIGHTS);
      this.wc = attention.get(LuongAttention.OUTPUT_WEIGHTS);
    } else {
      this.wa = null;
      this.wc = null;
    }
    this.outputWeights = graph.getLayer(TranslationGraph.OUTPUT).getParam("W");
    this.outputBias = graph.getLayer(TranslationGraph.OUTPUT).getParam("b");
  }

  @Override
  public void start(int[][] sources) {
    int n = sources.length;
    int s = 1;
    for (int[] source : sources) {
      s = Math.max(s, source.length);
    }
    DataType type = targetEmbedding.dataType();
    INDArray ids = Nd4j.zeros(type, n, s);
    INDArray mask = Nd4j.zeros(type, n, s);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < sources[i].length; j++) {
        ids.putScalar(i, j, sources[i][j]);
        mask.putScalar(i, j, 1);
      }
    }
    INDArray oneTarget = Nd4j.zeros(type, n, 1);
    graph.setLayerMaskArrays(new INDArray[] {mask, Nd4j.ones(type, n, 1)}, null);
    try {
      // Up to the encoder's last layer in the graph's order: the decoder's vertices after it are not needed here.
      String encoderTop = TranslationGraph.encoderLayer(layers - 1);
      encoder = graph.feedForward(new INDArray[] {ids, oneTarget}, graph.getVertex(encoderTop).getVertexIndex(),
          false).get(encoderTop);
    } finally {
      graph.clearLayerMaskArrays();
    }
    sourceMask = mask;
    sentenceOfRow = new int[n];
    for (int i = 0; i < n; i++) {
      sentenceOfRow[i] = i;
    }
    rowEncoder = encoder;
    rowSourceMask = sourceMask;
    if (inputFeeding != null) {
      inputFeedingState = inputFeeding.startState(encoder, sourceMask);
      return;
    }
    for (int l = 0; l < layers; l++) {
      decoderLayer(l).rnnClearPreviousState();
    }
  }

  /**
   * One step, in a workspace that the next step reuses: the arrays of a step (the largest, the probabilities of
   * every row over the vocabulary) never wait for the garbage collector to free their native memory. What outlives
   * the step is the layers' recurrent state (stored outside workspaces) and the returned copy on the heap.
   */
  @Override
  public float[] step(int[] previousTokens) {
    try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE,
        STEP_WORKSPACE_ID)) {
      int n = previousTokens.length;
      INDArray hidden = inputFeeding != null ? inputFeedingStep(previousTokens) : attentionAfterStep(previousTokens);
      INDArray probabilities = Nd4j.create(outputWeights.dataType(), new long[] {n, outputWeights.size(1)}, 'c');
      SoftmaxCrossEntropy.logits(hidden.reshape(n, hidden.size(1)), outputWeights, outputBias, probabilities);
      Nd4j.exec(new SoftMax(probabilities, probabilities));
      return toHeap(probabilities.dataType() == DataType.FLOAT ? probabilities : probabilities.castTo(DataType.FLOAT));
    }
  }

  /** A row-major float array copied out in one block ({@code DataBuffer.asFloat} copies value by value). */
  private static float[] toHeap(INDArray array) {
    float[] values = new float[(int) array.length()];
    array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().get(values);
    return values;
  }

  /** The attentional states [n, H] of one step of the attention-after decoder: its layers, then attention. */
  private INDArray attentionAfterStep(int[] previousTokens) {
    int n = previousTokens.length;
    INDArray x = targetEmbedding.getRows(previousTokens).reshape(n, targetEmbedding.size(1), 1);
    LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
    for (int l = 0; l < layers; l++) {
      x = decoderLayer(l).rnnTimeStep(x, noWorkspaces);
    }
    return AttentionMath.forward(x, rowEncoder, rowSourceMask, wa, wc).hidden();
  }

  /** The attentional states [n, H] of one step of the input-feeding decoder, which keeps its state here. */
  private INDArray inputFeedingStep(int[] previousTokens) {
    InputFeedingDecoderVertex.Step step = inputFeeding.step(targetEmbedding.getRows(previousTokens), rowEncoder,
        rowSourceMask, inputFeedingState);
    inputFeedingState = step.state();
    return step.attentional();
  }

  @Override
  public void reorder(int[] rows) {
    int[] sentences = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      sentences[i] = sentenceOfRow[rows[i]];
    }
    if (!Arrays.equals(sentences, sentenceOfRow)) {
      sentenceOfRow = sentences;
      rowEncoder = selectRows(encoder, sentences);
      rowSourceMask = selectRows(sourceMask, sentences);
    }
    if (inputFeeding != null) {
      inputFeedingState = inputFeedingState.map(state -> selectRows(state, rows));
      return;
    }
    for (int l = 0; l < layers; l++) {
      RecurrentLayer layer = decoderLayer(l);
      Map<String, INDArray> state = layer.rnnGetPreviousState();
      if (state == null || state.isEmpty()) {
        continue;
      }
      Map<String, INDArray> reordered = new HashMap<>();
      state.forEach((key, value) -> reordered.put(key, selectRows(value, rows)));
      layer.rnnSetPreviousState(reordered);
    }
  }

  /** The rows of the first dimension named by {@code rows}, whatever the rank, in one gather. */
  private static INDArray selectRows(INDArray array, int[] rows) {
    long[] shape = array.shape().clone(); // shape() may hand out the array's own metadata
    INDArray matrix = array.rank() == 2 ? array : array.dup('c').reshape('c', shape[0], array.length() / shape[0]);
    INDArray selected = Nd4j.pullRows(matrix, 1, rows);
    shape[0] = rows.length;
    return array.rank() == 2 ? selected : selected.reshape('c', shape);
  }

  @Override
  public int targetVocabularySize() {
    return (int) outputWeights.size(1);
  }

  private RecurrentLayer decoderLayer(int l) {
    return (RecurrentLayer) graph.getLayer(TranslationGraph.decoderLayer(l));
  }
}
