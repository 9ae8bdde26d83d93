package io.g2lstm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonStringsTest {

  @Test
  void comparesByCodePoint() {
    String supplementary = new String(Character.toChars(0x1F600));
    assertTrue(PythonStrings.compareCodePoints(supplementary, "\uE000") > 0);
    assertTrue(PythonStrings.compareCodePoints("\uFFFF", supplementary) < 0);
    assertTrue(PythonStrings.compareCodePoints("ab", "abc") < 0);
    assertEquals(0, PythonStrings.compareCodePoints("a" + supplementary, "a" + supplementary));
    assertTrue(PythonStrings.compareCodePoints("b", "a\uFFFF") > 0);
  }

  @Test
  void whitespaceIsPythons() {
    assertTrue(PythonStrings.isSpace('\t'));
    assertTrue(PythonStrings.isSpace(0x1F));
    assertTrue(PythonStrings.isSpace(0xA0));
    assertTrue(PythonStrings.isSpace(0x202F));
    assertFalse(PythonStrings.isSpace(0x200B));
    assertFalse(PythonStrings.isSpace(0x180E));
  }

  @Test
  void splitAndRstripUsePythonsWhitespace() {
    assertEquals(List.of("a", "b"), PythonStrings.split("\u00A0 a\tb\u3000"));
    assertEquals(" a", PythonStrings.rstrip(" a \u2028"));
  }
}
