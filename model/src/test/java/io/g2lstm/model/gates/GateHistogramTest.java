package io.g2lstm.model.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The histogram and statistics accumulators: binning, exact shares near 0 and 1, merging and freezing. */
class GateHistogramTest {

  private static long count(GateDistribution distribution, int bin) {
    return distribution.bins().get(bin).count();
  }

  @Test
  void binsAreEqualAndCoverZeroToOne() {
    GateDistribution empty = new GateHistogram().freeze();
    assertEquals(GateHistogram.DEFAULT_BINS, empty.bins().size());
    for (int k = 0; k < 20; k++) {
      assertEquals(k / 20.0, empty.bins().get(k).lower());
      assertEquals((k + 1) / 20.0, empty.bins().get(k).upper());
    }
    assertEquals(0.0, empty.bins().get(0).lower());
    assertEquals(1.0, empty.bins().get(19).upper());
    assertEquals(0, empty.total());
    assertTrue(Double.isNaN(empty.mean()) && Double.isNaN(empty.shareBelow()) && Double.isNaN(empty.shareAbove()));
  }

  @Test
  void zeroAndOneGoToTheEndBinsAndEdgesToTheBinAbove() {
    for (int bins : new int[] {1, 3, 7, 20, 100}) {
      GateHistogram histogram = new GateHistogram(bins);
      histogram.add(0.0).add(1.0);
      GateDistribution ends = histogram.freeze();
      assertEquals(bins == 1 ? 2 : 1, count(ends, 0), bins + " bins: 0");
      assertEquals(bins == 1 ? 2 : 1, count(ends, bins - 1), bins + " bins: 1");
      for (int k = 1; k < bins; k++) {
        double edge = ends.bins().get(k).lower();
        GateDistribution onEdge = new GateHistogram(bins).add(edge).freeze();
        assertEquals(1, count(onEdge, k), bins + " bins: edge " + edge + " opens bin " + k);
        GateDistribution belowEdge = new GateHistogram(bins).add(Math.nextDown(edge)).freeze();
        assertEquals(1, count(belowEdge, k - 1), bins + " bins: just below " + edge + " closes bin " + (k - 1));
      }
    }
  }

  @Test
  void sharesNearZeroAndOneAreCountedFromTheValues() {
    // Three bins: the bins' edges (1/3, 2/3) are nowhere near 0.1 and 0.9, so these counts cannot come from them.
    GateHistogram histogram = new GateHistogram(3);
    histogram.add(0.0).add(Math.nextDown(0.1)).add(0.1).add(0.5).add(0.9).add(Math.nextUp(0.9)).add(1.0);
    // A float is compared as it is: 0.1f lies just above 0.1, 0.9f just below 0.9.
    histogram.addAll(new float[] {0.1f, 0.9f, 0.05f, 0.95f});
    GateDistribution distribution = histogram.freeze();
    assertEquals(11, distribution.total());
    assertEquals(3, distribution.below(), "0, nextDown(0.1), 0.05f");
    assertEquals(3, distribution.above(), "nextUp(0.9), 1, 0.95f");
    assertEquals(3 / 11.0, distribution.shareBelow());
    assertEquals(3 / 11.0, distribution.shareAbove());
    double sum = 0.0 + Math.nextDown(0.1) + 0.1 + 0.5 + 0.9 + Math.nextUp(0.9) + 1.0 + 0.1f + 0.9f + 0.05f + 0.95f;
    assertEquals(sum / 11, distribution.mean(), 1e-15);
    assertEquals(count(distribution, 0) / 11.0, distribution.share(0));
  }

  @Test
  void addAllTakesARange() {
    float[] values = {0.01f, 0.5f, 0.99f, 0.6f};
    GateDistribution part = new GateHistogram().addAll(values, 1, 3).freeze();
    assertEquals(2, part.total());
    assertEquals(0, part.below());
    assertEquals(1, part.above());
    assertEquals(1, count(part, 10));
    assertEquals(1, count(part, 19));
  }

  @Test
  void valuesOutsideZeroToOneAreRefused() {
    for (double value : new double[] {Double.NaN, -1e-9, Math.nextUp(1.0), Double.POSITIVE_INFINITY}) {
      DataException e = assertThrows(DataException.class, () -> new GateHistogram().add(value));
      assertTrue(e.getMessage().contains("expected a number in [0, 1], found " + value), e.getMessage());
    }
    assertThrows(ConfigurationException.class, () -> new GateHistogram(0));
  }

  private static float[] randomGates(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      // Clustered near 0 and 1 (as in a G2 model), with some values exactly 0 and 1.
      double u = random.nextDouble();
      double nearEnd = u * u * u / 2;
      values[i] = (float) (random.nextBoolean() ? nearEnd : 1 - nearEnd);
      if (i % 100 == 0) {
        values[i] = i % 200 == 0 ? 0f : 1f;
      }
    }
    return values;
  }

  @Test
  void mergedHistogramsEqualOneHistogramOfEverything() {
    float[] values = randomGates(5, 10_000);
    GateHistogram whole = new GateHistogram(13).addAll(values);
    GateHistogram first = new GateHistogram(13).addAll(values, 0, 1234);
    GateHistogram second = new GateHistogram(13).addAll(values, 1234, 7000);
    GateHistogram third = new GateHistogram(13).addAll(values, 7000, values.length);
    GateDistribution merged = new GateHistogram(13).merge(third).merge(first.merge(second)).freeze();
    GateDistribution expected = whole.freeze();
    assertEquals(expected.bins(), merged.bins());
    assertEquals(expected.total(), merged.total());
    assertEquals(expected.below(), merged.below());
    assertEquals(expected.above(), merged.above());
    assertEquals(expected.mean(), merged.mean(), 1e-12);
    assertTrue(expected.below() > 0 && expected.above() > 0 && expected.total() == values.length);
  }

  @Test
  void histogramsOfOtherBinCountsAreNotMerged() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new GateHistogram(20).merge(new GateHistogram(10)));
    assertTrue(e.getMessage().contains("expected a histogram of 20 bins, found one of 10"), e.getMessage());
  }

  @Test
  void frozenDistributionsDoNotChange() {
    GateHistogram histogram = new GateHistogram().add(0.3);
    GateDistribution frozen = histogram.freeze();
    histogram.add(0.3).add(0.95).merge(new GateHistogram().add(0.01));
    assertEquals(1, frozen.total());
    assertEquals(1, count(frozen, 6));
    assertEquals(0, frozen.above());
    assertEquals(0.3, frozen.mean());
    assertThrows(UnsupportedOperationException.class, () -> frozen.bins().set(0, new GateDistribution.Bin(0, 1, 5)));
    assertEquals(4, histogram.freeze().total());
  }

  private static SentenceGates sentence(GateLayer layer, long id, float[] input, float[] forget, int units) {
    return new SentenceGates(id, layer, new int[input.length / units], units, input, forget);
  }

  @Test
  void statisticsHoldBothGatesAndMergeAcrossPartitions() throws IOException, ClassNotFoundException {
    GateLayer layer = GateLayer.DEFAULT;
    float[] input = randomGates(1, 600);
    float[] forget = randomGates(2, 600);
    GateStatistics whole = new GateStatistics(layer).add(sentence(layer, 1, input, forget, 4));
    GateStatistics left = new GateStatistics(layer).add(sentence(layer, 1, Arrays.copyOf(input, 200),
        Arrays.copyOf(forget, 200), 4));
    GateStatistics right = new GateStatistics(layer).addAll(List.of(sentence(layer, 2,
        Arrays.copyOfRange(input, 200, 600), Arrays.copyOfRange(forget, 200, 600), 4)));
    // Spark ships accumulators by Java serialization.
    GateSummary merged = roundTrip(left).merge(roundTrip(right)).freeze();
    GateSummary expected = whole.freeze();
    assertEquals(2, merged.sentences());
    assertEquals(150, merged.positions());
    assertEquals(expected.input().bins(), merged.input().bins());
    assertEquals(expected.forget().bins(), merged.forget().bins());
    assertEquals(expected.forget().below(), merged.forget().below());
    assertEquals(expected.input().above(), merged.input().above());
    assertEquals(new GateHistogram().addAll(forget).freeze().bins(), merged.forget().bins(), "the forget gate");
    assertEquals(layer, merged.layer());
  }

  private static GateStatistics roundTrip(GateStatistics statistics) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(statistics);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (GateStatistics) in.readObject();
    }
  }

  @Test
  void statisticsOfOtherLayersAreNotMixed() {
    GateLayer backward = GateLayer.parse("encoder-0-backward");
    GateStatistics decoder = new GateStatistics(GateLayer.DEFAULT);
    ConfigurationException merge = assertThrows(ConfigurationException.class,
        () -> decoder.merge(new GateStatistics(backward)));
    assertTrue(merge.getMessage().contains("expected gate statistics of decoder-0, found gate statistics of "
        + "encoder-0-backward"), merge.getMessage());
    ConfigurationException add = assertThrows(ConfigurationException.class,
        () -> decoder.add(sentence(backward, 1, new float[2], new float[2], 1)));
    assertTrue(add.getMessage().contains("found sentence gates of encoder-0-backward"), add.getMessage());
    assertThrows(ConfigurationException.class,
        () -> decoder.merge(new GateStatistics(GateLayer.DEFAULT, 10)));
    assertEquals(0, decoder.freeze().input().total(), "nothing was added by the refused calls");
  }
}
