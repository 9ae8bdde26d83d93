package io.g2lstm.report;

import io.g2lstm.results.BleuFlavour;
import io.g2lstm.results.BleuScoreRow;
import io.g2lstm.results.CompressionResultRow;
import io.g2lstm.results.GateHistogramRow;
import io.g2lstm.results.GateTokenMeanRow;
import io.g2lstm.results.TrainingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A realistic study for the report tests: three WMT14 English-German models (baseline, sharpened, G²) scored on two
 * test sets in both BLEU flavours, a compression grid (original, round 0.5, round and clip 0.5/1.0, SVD ranks 32 and
 * 16), gate histograms of two layers, per-token gates of two German sentences, and training metrics.
 */
final class ReportSamples {

  static final String RUN_ID = "study-2024-06-01";
  static final String SIGNATURE = "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0";

  static final String BASELINE = "wmt14-baseline-20240601-101500-a1b2";
  static final String SHARPENED = "wmt14-sharpened-20240601-101501-c3d4";
  static final String G2 = "wmt14-g2-20240601-101502-e5f6";

  private record Model(String run, String name, String mode) {}

  // Listed out of the report's order: the report must sort them.
  private static final List<Model> MODELS = List.of(new Model(G2, "wmt14-g2", "g2"),
      new Model(BASELINE, "wmt14-baseline", "baseline"), new Model(SHARPENED, "wmt14-sharpened", "sharpened"));

  private ReportSamples() {}

  static ReportData study() {
    return new ReportData(RUN_ID, "read from work/warehouse at 2024-06-02T08:00:00Z", bleu(), compression(),
        histograms(), tokens(), training());
  }

  /** Model i (0 = G², 1 = baseline, 2 = sharpened), test set t, flavour f: distinct, plausible scores. */
  static List<BleuScoreRow> bleu() {
    double[][] sacre = {{27.62, 28.91}, {26.84, 28.05}, {26.11, 27.37}};
    double[][] multi = {{28.15, 29.44}, {27.33, 28.70}, {26.74, 27.96}};
    String[] testSets = {"newstest2014", "newstest2015"};
    List<BleuScoreRow> rows = new ArrayList<>();
    for (int i = 0; i < MODELS.size(); i++) {
      Model m = MODELS.get(i);
      for (int t = 0; t < testSets.length; t++) {
        rows.add(Rows.bleu(m.run(), m.name(), m.mode(), 12, testSets[t], 5, BleuFlavour.SACREBLEU, sacre[i][t],
            List.of(59.4, 33.8, 21.0, 13.5), 0.987, 62_391, 63_204, SIGNATURE));
        rows.add(Rows.bleu(m.run(), m.name(), m.mode(), 12, testSets[t], 5, BleuFlavour.MULTI_BLEU, multi[i][t],
            List.of(60.1, 34.6, 21.7, 14.0), 0.991, 65_012, 65_602, ""));
      }
    }
    return rows;
  }

  static List<CompressionResultRow> compression() {
    List<CompressionResultRow> rows = new ArrayList<>();
    double[] original = {27.62, 26.84, 26.11};
    // Change per setting: G² barely moves, the baseline suffers most (the paper's finding).
    double[][] change = {{-0.12, -0.21, -0.35, -0.58}, {-0.93, -1.42, -1.10, -2.37}, {-0.41, -0.77, -0.66, -1.25}};
    for (int i = 0; i < MODELS.size(); i++) {
      Model m = MODELS.get(i);
      rows.add(row(m, CompressionResultRow.NONE, Optional.empty(), Optional.empty(), Optional.empty(),
          original[i], 0, 5.21 + i, 1));
      rows.add(row(m, "round", Optional.of(0.5), Optional.empty(), Optional.empty(),
          original[i] + change[i][0], change[i][0], 5.32 + i, 4.0));
      rows.add(row(m, "round-clip", Optional.of(0.5), Optional.of(1.0),
          Optional.empty(), original[i] + change[i][1], change[i][1], 5.41 + i, 5.33));
      rows.add(row(m, "svd", Optional.empty(), Optional.empty(), Optional.of(32),
          original[i] + change[i][2], change[i][2], 5.47 + i, 8.0));
      rows.add(row(m, "svd", Optional.empty(), Optional.empty(), Optional.of(16),
          original[i] + change[i][3], change[i][3], 5.69 + i, 16.0));
    }
    return rows;
  }

  private static CompressionResultRow row(Model m, String method, Optional<Double> step, Optional<Double> clip,
      Optional<Integer> rank, double bleu, double change, double perplexity, double ratio) {
    return Rows.compression(m.run(), m.name(), m.mode(), method, step, clip, rank, "newstest2014", bleu, change,
        perplexity, ratio);
  }

  /** 20 bins of 0.05: bell-shaped for the baseline, pushed to the ends for sharpened, U-shaped for G². */
  static List<GateHistogramRow> histograms() {
    List<GateHistogramRow> rows = new ArrayList<>();
    for (Model m : MODELS) {
      for (String layer : List.of("encoder-1", "decoder-1")) {
        for (String gate : List.of(GateHistogramRow.FORGET, GateHistogramRow.INPUT)) {
          long[] counts = new long[20];
          long total = 0;
          for (int bin = 0; bin < 20; bin++) {
            double centre = (bin + 0.5) / 20;
            double bell = Math.exp(-Math.pow((centre - (gate.equals("input") ? 0.45 : 0.6)) / 0.18, 2));
            double ends = Math.exp(-centre / 0.06) + Math.exp(-(1 - centre) / 0.06);
            double mix = m.mode().equals("g2") ? 0.97 : m.mode().equals("sharpened") ? 0.5 : 0.05;
            counts[bin] = Math.round(100_000 * ((1 - mix) * bell + mix * ends * 3));
            total += counts[bin];
          }
          double below = (double) (counts[0] + counts[1]) / total;
          double above = (double) (counts[18] + counts[19]) / total;
          for (int bin = 0; bin < 20; bin++) {
            rows.add(Rows.histogram(m.run(), m.name(), m.mode(), layer, gate, bin, bin / 20.0,
                (bin + 1) / 20.0, counts[bin], below, above));
          }
        }
      }
    }
    return rows;
  }

  /** Two German target sentences (Moses-escaped quotes, umlauts, a BPE split) for the baseline and G² models. */
  static List<GateTokenMeanRow> tokens() {
    List<List<String>> sentences = List.of(
        List.of("Die", "Bäume", "im", "Park", "wachsen", "schnell", "."),
        List.of("Er", "sagte", ":", "&quot;", "Grü@@", "ße", "aus", "Köln", "&quot;", "."));
    List<GateTokenMeanRow> rows = new ArrayList<>();
    for (Model m : List.of(MODELS.get(0), MODELS.get(1))) {
      boolean g2 = m.mode().equals("g2");
      for (int s = 0; s < sentences.size(); s++) {
        List<String> tokens = sentences.get(s);
        for (int p = 0; p < tokens.size(); p++) {
          double wave = 0.5 + 0.45 * Math.sin(1.7 * p + s);
          double input = g2 ? (wave > 0.5 ? 0.93 : 0.06) : 0.35 + 0.3 * wave;
          double forget = g2 ? (p % 3 == 0 ? 0.11 : 0.96) : 0.45 + 0.2 * wave;
          rows.add(Rows.token(m.run(), m.name(), m.mode(), "decoder-1", 3 + 14 * s, p, tokens.get(p), input,
              forget));
        }
      }
    }
    return rows;
  }

  static List<TrainingMetrics> training() {
    List<TrainingMetrics> rows = new ArrayList<>();
    for (int i = 0; i < MODELS.size(); i++) {
      Model m = MODELS.get(i);
      for (int epoch = 1; epoch <= 12; epoch++) {
        double perplexity = 4.9 + i * 0.3 + 30.0 / (epoch + 1) + (epoch > 10 ? 0.3 * (epoch - 10) : 0);
        rows.add(Rows.training(m.run(), m.name(), m.mode(), epoch, 1.2 + 0.05 * i + 4.0 / epoch, perplexity));
      }
    }
    return rows;
  }

  /** The study with every list empty. */
  static ReportData empty() {
    return new ReportData(RUN_ID, "", List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
