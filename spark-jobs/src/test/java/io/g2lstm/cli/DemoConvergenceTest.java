package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.model.data.TextCodec;
import io.g2lstm.model.decode.BeamSearch;
import io.g2lstm.model.decode.Translator;
import io.g2lstm.model.train.Checkpoint;
import io.g2lstm.prep.pipeline.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pipeline end to end, as {@code bin/g2lstm demo} runs it: the tiny G²-LSTM model trained on the synthetic
 * corpus in local Spark must translate held-out synthetic sentences with a BLEU above 50.
 */
class DemoConvergenceTest {

  @TempDir
  Path work;

  @Test
  void tinyModelLearnsTheSyntheticLanguagePair() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Demo.Result result = Demo.run(work, Optional.of("local[2]"), Demo.Sizes.DEFAULT,
        new PrintStream(log, true, StandardCharsets.UTF_8));
    String output = log.toString(StandardCharsets.UTF_8);
    System.out.println(output);
    assertTrue(result.bleu().score() > 50, "BLEU " + result.bleu().score() + "\n" + output);
    assertTrue(Files.readAllLines(result.hypotheses()).size() == Demo.Sizes.DEFAULT.test());
    assertTrue(output.contains("validation perplexity"), output);

    // Bad input, on the trained model: blank lines stay blank lines, unseen characters become <unk>.
    Checkpoint checkpoint = Checkpoint.open(result.checkpoint());
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
