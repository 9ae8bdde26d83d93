package io.g2lstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code g2lstm translate} on a {@link TinyCheckpoint}. */
class TranslateCommandTest {

  @TempDir
  Path dir;

  private List<String> translate(String input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelCommands.translate(List.of("--model", TinyCheckpoint.write(dir).toString(), "--beam", "1"),
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
    String text = out.toString(StandardCharsets.UTF_8);
    return List.of(text.split("\n", -1)).subList(0, (int) text.chars().filter(c -> c == '\n').count());
  }

  @Test
  void aLoneCarriageReturnDoesNotEndALine() throws IOException {
    // 3 lines by the rule of every reader: \n ends a line, a \r before it is dropped, a lone \r is text
    List<String> lines = translate("w0 w1\rw2\r\n\r\nw3");
    assertEquals(3, lines.size(), lines.toString());
    assertEquals("", lines.get(1), "a blank line stays blank");
  }

  @Test
  void fortyLinesWithCarriageReturnsInsideGiveFortyLines() throws IOException {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      input.append(i % 7 == 3 ? "w1\rw2" : "w" + (i % 6)).append('\n');
    }
    assertEquals(40, translate(input.toString()).size());
  }
}
