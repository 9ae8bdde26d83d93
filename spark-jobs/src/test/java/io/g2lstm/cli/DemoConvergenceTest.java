package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.model.checkpoint.Checkpoint;
import io.g2lstm.model.data.TextCodec;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.model.layer.GateMode;
import io.g2lstm.prep.pipeline.Vocabulary;
import io.g2lstm.spark.eval.EvaluateJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo study end to end, as {@code bin/g2lstm demo} runs it: the tiny baseline and G² models trained on the
 * synthetic corpus in local Spark must translate held-out synthetic sentences with a BLEU above 50 (the sharpened
 * one, whose gates at temperature 0.2 learn more slowly, above 20), and the report must hold every section.
 */
class DemoConvergenceTest {

  @TempDir
  Path work;

  @Test
  void tinyModelsLearnTheSyntheticLanguagePairAndTheStudyIsReported() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Demo.Result result = Demo.run(work, Optional.of("local[2]"), Demo.Sizes.DEFAULT,
        new PrintStream(log, true, StandardCharsets.UTF_8));
    String output = log.toString(StandardCharsets.UTF_8);
    System.out.println(output);
    assertEquals(List.of(GateMode.values()), List.copyOf(result.evaluations().keySet()));
    for (Map.Entry<GateMode, EvaluateJob.Result> entry : result.evaluations().entrySet()) {
      EvaluateJob.Result evaluation = entry.getValue();
      double bleu = evaluation.scores().get(0).score();
      double expected = entry.getKey() == GateMode.SHARPENED ? 20 : 50;
      assertTrue(bleu > expected, entry.getKey() + " BLEU " + bleu + "\n" + output);
      Path translations = Path.of(evaluation.translationFiles().get(0).toUri());
      assertEquals(Demo.Sizes.DEFAULT.test(), Files.readAllLines(translations).size());
    }
    assertTrue(output.contains("validation perplexity"), output);
    String page = Files.readString(result.report());
    for (String section : List.of("id=\"bleu-table\"", "id=\"compression-table\"", "id=\"gate-histograms\"",
        "id=\"token-gates\"", "id=\"training-table\"", "Baseline", "Sharpened", "G²-LSTM")) {
      assertTrue(page.contains(section), section);
    }
    assertFalse(page.contains(" yet: the "), "no section is missing its data");

    // Bad input, on the trained G2 model: blank lines stay blank lines, unseen characters become <unk>.
    Checkpoint checkpoint = Checkpoint.open(Path.of(URI.create(result.evaluations().get(GateMode.G2).scores().get(0)
        .checkpoint())));
    Translator translator = Translator.fromCheckpoint(checkpoint, new BeamSearch(5, 0, 2.0, 10), 8);
    String known = Files.readAllLines(work.resolve("corpus").resolve("test.src")).get(0);
    List<String> out = translator.translate(List.of("", known, "   ", "\u20ac " + known));
    assertEquals(4, out.size());
    assertEquals("", out.get(0));
    assertEquals("", out.get(2));
    assertFalse(out.get(1).isBlank());
    int[] ids = new TextCodec(checkpoint.assets()).encodeSource("\u20ac");
    assertTrue(Arrays.stream(ids).allMatch(id -> id == Vocabulary.UNK_ID), Arrays.toString(ids));
  }
}
