package io.g2lstm.prep.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonTextTest {

  @Test
  void codecsModeBreaksAtEveryUnicodeLineBoundary() throws IOException {
    assertEquals(List.of("a\u000B", "b\r\n", "c\r", "d\u0085", "e"),
        lines("a\u000Bb\r\nc\rd\u0085e", PythonLineReader.Mode.CODECS));
  }

  @Test
  void universalModeBreaksAtNewlinesOnlyAndTranslatesThem() throws IOException {
    assertEquals(List.of("a\u000Bb\n", "c\n", "d\u0085e\n"),
        lines("a\u000Bb\r\nc\rd\u0085e\n", PythonLineReader.Mode.UNIVERSAL));
  }

  @Test
  void crLfSplitAcrossBufferRefillsStaysOneBreak() throws IOException {
    String text = "x".repeat(16383) + "\r\ny";
    assertEquals(List.of("x".repeat(16383) + "\r\n", "y"), lines(text, PythonLineReader.Mode.CODECS));
  }

  @Test
  void wordsOfAMultiLineText() {
    List<String> words = new ArrayList<>();
    PythonText.forEachWordOfText(" a  b\u2028c\r\n\n d ", words::add);
    assertEquals(List.of("a", "b\u2028", "c", "d"), words);
  }

  private static List<String> lines(String text, PythonLineReader.Mode mode) throws IOException {
    PythonLineReader reader = new PythonLineReader(new StringReader(text), mode);
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      lines.add(line);
    }
    assertNull(reader.readLine());
    return lines;
  }
}
