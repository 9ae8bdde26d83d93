package io.g2lstm.prep.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8LineReaderTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "a\n", "a\r\nb", "a\rb\r\n\r\nc\n", "\n\n", "x\r", "\r", "a\r\r\nb\n"})
  void bytesAndDecodedTextSplitTheSameWay(String text) {
    List<String> fromBytes = Utf8LineReader.readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "test");
    assertEquals(fromBytes, Utf8LineReader.split(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb\r\n\r\nc", "a\rb\n\nc\n"})
  void onlyNewlinesEndLinesAndACarriageReturnBeforeOneIsDropped(String text) {
    assertEquals(List.of("a\rb", "", "c"), Utf8LineReader.split(text));
  }
}
