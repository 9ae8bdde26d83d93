package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.SharedDir;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The command-line text tools, end to end from bytes in to bytes out, against the reference tools' outputs. */
class TextToolsTest {

  private interface Tool {
    void run(List<String> args, InputStream in, java.io.OutputStream out) throws IOException;
  }

  private static byte[] run(Tool tool, byte[] input, String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tool.run(List.of(args), new ByteArrayInputStream(input), out);
    return out.toByteArray();
  }

  private static Path shared(String relative) {
    Path path = SharedDir.resolve(relative).orElse(null);
    Assumptions.assumeTrue(path != null, "shared data absent: " + SharedDir.describeSearch());
    return path;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void tokenizeMatchesMosesOnAWholeFile() throws IOException {
    Path dir = shared("fixtures/tokenizer");
    byte[] out = run(TextTools::tokenize, Files.readAllBytes(dir.resolve("newstest2014.first300.de")),
        "-l", "de", "-a");
    assertEquals(Files.readString(dir.resolve("newstest2014.first300.tok-aggressive.de")), text(out));
  }

  @Test
  void detokenizeMatchesMosesOnAWholeFile() throws IOException {
    Path dir = shared("fixtures/tokenizer");
    byte[] out = run(TextTools::detokenize, Files.readAllBytes(dir.resolve("multi30k.val.tok.en")), "-l", "en");
    assertEquals(Files.readString(dir.resolve("multi30k.val.tok.detok.en")), text(out));
  }

  @Test
  void bpeLearnMatchesSubwordNmt() throws IOException {
    Path dir = shared("fixtures/bpe");
    byte[] out = run(TextTools::bpe, Files.readAllBytes(dir.resolve("multi30k.train.tok.en")),
        "learn", "-s", "2000", "--min-frequency", "5");
    assertEquals(Files.readString(dir.resolve("multi30k.en.s2000.minfreq5.codes")), text(out));
  }

  @Test
  void bpeApplyWithVocabularyMatchesSubwordNmt() throws IOException {
    Path dir = shared("fixtures/bpe");
    byte[] out = run(TextTools::bpe, Files.readAllBytes(dir.resolve("multi30k.val.tok.de")), "apply",
        "-c", dir.resolve("multi30k.joint.s8000.codes").toString(),
        "--vocabulary", dir.resolve("multi30k.vocab.de").toString(), "--vocabulary-threshold", "50");
    assertEquals(Files.readString(dir.resolve("multi30k.val.tok.bpe8000.vocab50.de")), text(out));
  }

  @Test
  void emptyLinesStayLines() throws IOException {
    assertEquals("Hallo , Welt !\n\nJa .\n",
        text(run(TextTools::tokenize, "Hallo, Welt!\n\nJa.\n".getBytes(StandardCharsets.UTF_8), "-l", "de")));
  }

  @Test
  void badOptionsAreNamed() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> run(TextTools::bpe, new byte[0], "lern", "-s", "10"));
    assertTrue(e.getMessage().contains("'lern'"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> run(TextTools::tokenize, new byte[0], "-l", "fr"));
    assertTrue(e.getMessage().contains("fr"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> run(TextTools::bpe, new byte[0], "learn", "-s", "x"));
    assertTrue(e.getMessage().contains("-s") && e.getMessage().contains("'x'"), e.getMessage());
  }
}
