package io.g2lstm.model.compress;

import io.g2lstm.common.SettingsReader;
import io.g2lstm.model.layer.G2LstmParamInitializer;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;

/**
 * One compressed gate block: the H columns of one gate (input or forget) in the input weights W {@code [nIn, 4H]}
 * or the recurrent weights RW {@code [H, 4H]} of one G²-LSTM layer (one direction of a bidirectional layer).
 *
 * @param layer the graph's layer name, e.g. {@code encoder-0}
 * @param direction which copy inside a bidirectional layer, or {@link Direction#NONE}
 * @param rows nIn for W, H for RW
 * @param columns H
 */
public record GateBlock(String layer, Direction direction, Gate gate, Weights weights, int rows, int columns) {

  /** Which copy of a layer the block belongs to. */
  public enum Direction {
    /** A plain (unidirectional) layer. */
    NONE(""),
    FORWARD(BidirectionalParamInitializer.FORWARD_PREFIX),
    BACKWARD(BidirectionalParamInitializer.BACKWARD_PREFIX);

    private final String keyPrefix;

    Direction(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    /** DL4J's {@code Bidirectional} names its parameters {@code fW}, {@code bRW}, ...; a plain layer W, RW. */
    public String keyPrefix() {
      return keyPrefix;
    }
  }

  /** The compressed gates, with their column block in W and RW. */
  public enum Gate {
    INPUT(G2LstmParamInitializer.INPUT_GATE),
    FORGET(G2LstmParamInitializer.FORGET_GATE);

    private final int columnBlock;

    Gate(int columnBlock) {
      this.columnBlock = columnBlock;
    }

    /** The gate's block of H columns (in units of H), in {@link G2LstmParamInitializer}'s order. */
    public int columnBlock() {
      return columnBlock;
    }
  }

  /** The weight matrix a block lies in. */
  public enum Weights {
    INPUT(G2LstmParamInitializer.INPUT_WEIGHT_KEY),
    RECURRENT(G2LstmParamInitializer.RECURRENT_WEIGHT_KEY);

    private final String key;

    Weights(String key) {
      this.key = key;
    }

    /** The parameter key of an unwrapped layer: W or RW. */
    public String key() {
      return key;
    }
  }

  /** The key of the block's weight matrix in its graph layer's parameter table (e.g. {@code fRW}). */
  public String parameterKey() {
    return direction.keyPrefix() + weights.key();
  }

  public long parameters() {
    return (long) rows * columns;
  }

  /** E.g. {@code encoder-0 forward RW[:, forget] [4 x 4]}. */
  public String label() {
    return layer + (direction == Direction.NONE ? "" : " " + SettingsReader.settingName(direction)) + " "
        + weights.key() + "[:, " + SettingsReader.settingName(gate) + "] [" + rows + " x " + columns + "]";
  }
}
