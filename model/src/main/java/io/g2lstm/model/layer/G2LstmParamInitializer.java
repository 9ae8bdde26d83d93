package io.g2lstm.model.layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of a {@link G2LstmLayer}, as views into the layer's slice of the network's flat parameter (and
 * gradient) vector, never copies. With {@code H = nOut} the slice holds, in this order and row-major:
 *
 * <ul>
 *   <li>{@code "W"}: input weights {@code [nIn, 4H]},
 *   <li>{@code "RW"}: recurrent weights {@code [H, 4H]},
 *   <li>{@code "b"}: bias {@code [1, 4H]}.
 * </ul>
 *
 * <p>The 4H columns hold the gates in the order output, input, forget, candidate ({@code o, i, f, g}), H columns
 * each. W and RW are adjacent, so together they form the row-major {@code [nIn + H, 4H]} matrix that multiplies
 * the stacked vector {@code [x_t; h_(t-1)]}: one matrix product per time step computes all four gates.
 *
 * <p>Weights are initialised by the layer's weight initialisation (the recurrent one for RW, when set) with fan-in
 * and fan-out taken from the matrix shape; biases are {@code biasInit}, except the forget gate's
 * {@code forgetGateBiasInit}.
 */
public final class G2LstmParamInitializer implements ParamInitializer {

  public static final String INPUT_WEIGHT_KEY = "W";
  public static final String RECURRENT_WEIGHT_KEY = "RW";
  public static final String BIAS_KEY = "b";

  /** Column block of each gate in W, RW and b, in units of nOut. */
  public static final int OUTPUT_GATE = 0;
  public static final int INPUT_GATE = 1;
  public static final int FORGET_GATE = 2;
  public static final int CANDIDATE = 3;

  private static final G2LstmParamInitializer INSTANCE = new G2LstmParamInitializer();
  private static final List<String> PARAM_KEYS = List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY);
  private static final List<String> WEIGHT_KEYS = List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
  private static final List<String> BIAS_KEYS = List.of(BIAS_KEY);

  private G2LstmParamInitializer() {
  }

  public static G2LstmParamInitializer getInstance() {
    return INSTANCE;
  }

  @Override
  public long numParams(NeuralNetConfiguration conf) {
    return numParams(conf.getLayer());
  }

  @Override
  public long numParams(Layer layer) {
    G2LstmLayer conf = (G2LstmLayer) layer;
    long gates = 4 * conf.getNOut();
    return (conf.getNIn() + conf.getNOut() + 1) * gates;
  }

  @Override
  public List<String> paramKeys(Layer layer) {
    return PARAM_KEYS;
  }

  @Override
  public List<String> weightKeys(Layer layer) {
    return WEIGHT_KEYS;
  }

  @Override
  public List<String> biasKeys(Layer layer) {
    return BIAS_KEYS;
  }

  @Override
  public boolean isWeightParam(Layer layer, String key) {
    return WEIGHT_KEYS.contains(key);
  }

  @Override
  public boolean isBiasParam(Layer layer, String key) {
    return BIAS_KEYS.contains(key);
  }

  @Override
  public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
    G2LstmLayer layer = (G2LstmLayer) conf.getLayer();
    checkLength(layer, paramsView);
    Map<String, INDArray> params = views(layer, paramsView);
    if (initializeParams) {
      IWeightInit inputInit = layer.getWeightInitFn();
      initialize(layer, params, inputInit,
          layer.getWeightInitFnRecurrent() != null ? layer.getWeightInitFnRecurrent() : inputInit);
    }
    for (String key : PARAM_KEYS) {
      conf.addVariable(key);
    }
    return params;
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
    G2LstmLayer layer = (G2LstmLayer) conf.getLayer();
    checkLength(layer, gradientView);
    return views(layer, gradientView);
  }

  /** Initialises the views W, RW and b of {@code layer}'s parameters. */
  static void initialize(G2LstmLayer layer, Map<String, INDArray> params, IWeightInit inputInit,
      IWeightInit recurrentInit) {
    long nIn = layer.getNIn();
    long nOut = layer.getNOut();
    INDArray w = params.get(INPUT_WEIGHT_KEY);
    INDArray rw = params.get(RECURRENT_WEIGHT_KEY);
    // DL4J's LSTM convention: fan-in is the layer size, fan-out the size of [x; h]; each gate block is scaled like
    // one unit's incoming weights rather than like a 4H-wide matrix.
    inputInit.init(nOut, nIn + nOut, w.shape(), 'c', w);
    recurrentInit.init(nOut, nIn + nOut, rw.shape(), 'c', rw);
    INDArray b = params.get(BIAS_KEY);
    b.assign(layer.getBiasInit());
    gateBlock(b, FORGET_GATE, nOut).assign(layer.getForgetGateBiasInit());
  }

  /** The views W, RW and b of a flat row vector laid out as described above. */
  static Map<String, INDArray> views(G2LstmLayer layer, INDArray flat) {
    long nIn = layer.getNIn();
    long gates = 4 * layer.getNOut();
    long inputEnd = nIn * gates;
    long recurrentEnd = (nIn + layer.getNOut()) * gates;
    Map<String, INDArray> views = new LinkedHashMap<>();
    views.put(INPUT_WEIGHT_KEY, slice(flat, 0, inputEnd).reshape('c', nIn, gates));
    views.put(RECURRENT_WEIGHT_KEY, slice(flat, inputEnd, recurrentEnd).reshape('c', layer.getNOut(), gates));
    views.put(BIAS_KEY, slice(flat, recurrentEnd, recurrentEnd + gates).reshape('c', 1, gates));
    return views;
  }

  /** W stacked on RW: the {@code [nIn + nOut, 4 nOut]} view that multiplies {@code [x_t; h_(t-1)]}. */
  static INDArray stackedWeights(G2LstmLayer layer, INDArray flat) {
    long rows = layer.getNIn() + layer.getNOut();
    long gates = 4 * layer.getNOut();
    return slice(flat, 0, rows * gates).reshape('c', rows, gates);
  }

  /** The columns of gate {@code gate} (one of the constants above) in a {@code [rows, 4 nOut]} array, as a view. */
  public static INDArray gateBlock(INDArray array, int gate, long nOut) {
    return array.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * nOut, (gate + 1) * nOut));
  }

  /** A contiguous part of a flat vector, given as a row {@code [1, n]} or (inside Bidirectional) as {@code [n]}. */
  private static INDArray slice(INDArray flat, long from, long to) {
    if (flat.rank() == 1) {
      return flat.get(NDArrayIndex.interval(from, to));
    }
    return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(from, to));
  }

  private void checkLength(G2LstmLayer layer, INDArray flat) {
    long expected = numParams(layer);
    if (flat.length() != expected) {
      throw new IllegalStateException("G2LstmLayer '" + layer.getLayerName() + "': expected a parameter view of "
          + expected + " values, found " + flat.length());
    }
  }
}
