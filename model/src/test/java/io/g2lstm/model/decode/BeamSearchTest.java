package io.g2lstm.model.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BeamSearchTest {

  private static final int EOS = 3;
  private static final int A = 4;
  private static final int B = 5;

  /**
   * A model whose next-token distribution depends only on the previous token. From {@code <s>}: a 0.55, b 0.45; after
   * a: </s> 0.4, a 0.2, b 0.2, unk 0.2; after b: </s> 0.9, a 0.1. Greedy search takes "a </s>" (0.22); the best
   * translation is "b </s>" (0.405).
   */
  static class ToyModel implements IncrementalModel {
    int rows;
    int steps;

    @Override
    public void start(int[][] sources) {
      rows = sources.length;
    }

    @Override
    public float[] step(int[] previous) {
      steps++;
      double[][] p = new double[previous.length][6];
      for (int r = 0; r < previous.length; r++) {
        double[] row = p[r];
        java.util.Arrays.fill(row, 1e-9);
        switch (previous[r]) {
          case 2 -> {
            row[A] = 0.55;
            row[B] = 0.45;
          }
          case A -> {
            row[EOS] = 0.4;
            row[A] = 0.2;
            row[B] = 0.2;
            row[1] = 0.2;
          }
          case B -> {
            row[EOS] = 0.9;
            row[A] = 0.1;
          }
          default -> row[EOS] = 1.0;
        }
      }
      return Nd4j.create(p).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
    }

    @Override
    public void reorder(int[] rows) {
      this.rows = rows.length;
    }

    @Override
    public int targetVocabularySize() {
      return 6;
    }
  }

  @Test
  void greedyTakesTheLocallyBestToken() {
    int[][] out = new BeamSearch(1, 0, 2, 5).translate(new ToyModel(), new int[][] {{7, 8}});
    assertArrayEquals(new int[] {A}, out[0]);
  }

  @Test
  void beamFindsTheBetterSequence() {
    int[][] out = new BeamSearch(2, 0, 2, 5).translate(new ToyModel(), new int[][] {{7, 8}, {9}});
    assertArrayEquals(new int[] {B}, out[0]);
    assertArrayEquals(new int[] {B}, out[1], "each sentence of the batch is searched on its own");
  }

  @Test
  void stopsAtTheLengthLimit() {
    ToyModel model = new ToyModel() {
      @Override
      public float[] step(int[] previous) {
        steps++;
        double[][] p = new double[previous.length][6];
        for (double[] row : p) {
          java.util.Arrays.fill(row, 1e-9);
          row[A] = 1;
        }
        return Nd4j.create(p).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
      }
    };
    int[][] out = new BeamSearch(3, 0, 1.0, 2).translate(model, new int[][] {{7}});
    assertEquals(3, out[0].length, "1 * source length + 2");
    assertEquals(3, model.steps);
  }
}
