package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  }
}
