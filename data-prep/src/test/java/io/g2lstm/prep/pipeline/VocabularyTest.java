package io.g2lstm.prep.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.DataException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void specialsFirstThenByCountThenCodePoint() {
    Vocabulary v = Vocabulary.fromCounts(Map.of("b", 5L, "a", 5L, "c", 9L, "d", 1L), 3);
    assertEquals(7, v.size());
    assertEquals("<pad>", v.token(0));
    assertEquals("</s>", v.token(3));
    assertEquals("c", v.token(4));
    assertEquals("a", v.token(5));
    assertEquals("b", v.token(6));
    assertEquals(Vocabulary.UNK_ID, v.id("d"), "cut off by the size limit");
  }

  @Test
  void encodesWithUnknowns() {
    Vocabulary v = Vocabulary.fromCounts(Map.of("x", 2L, "y", 1L), 10);
    assertArrayEquals(new int[] {4, 5, 1}, v.encode(new String[] {"x", "y", "z"}));
  }

  @Test
  void roundTripsThroughText() throws IOException {
    Vocabulary v = Vocabulary.fromCounts(Map.of("Haus@@", 7L, "und", 3L), 10);
    StringWriter text = new StringWriter();
    v.write(text);
    assertEquals(v, Vocabulary.read(new StringReader(text.toString()), "vocab.src"));
  }

  @Test
  void malformedFileNamesLine() {
    DataException e = assertThrows(DataException.class, () -> Vocabulary.read(
        new StringReader("<pad>\t0\n<unk>\t0\n<s>\t0\n</s>\t0\nword 12\n"), "vocab.src"));
    assertTrue(e.getMessage().startsWith("vocab.src:5:"), e.getMessage());
  }

  @Test
  void missingSpecialsAreBadData() {
    DataException e = assertThrows(DataException.class,
        () -> Vocabulary.read(new StringReader("the\t10\n"), "v"));
    assertTrue(e.getMessage().contains("expected <pad>"), e.getMessage());
  }

  @Test
  void theFirstDifferenceNamesTheIdAndBothEntries() {
    Vocabulary a = Vocabulary.fromCounts(Map.of("Haus", 5L, "Hund", 3L, "Katze", 2L), 10);
    Vocabulary b = Vocabulary.fromCounts(Map.of("Haus", 5L, "Hand", 3L, "Katze", 2L), 10);
    assertEquals(Optional.empty(), a.firstDifference(a));
    assertEquals("at id 5: expected \"Hund\" (count 3), found \"Hand\" (count 3)", a.firstDifference(b).get());
    Vocabulary shorter = Vocabulary.fromCounts(Map.of("Haus", 5L, "Hund", 3L), 10);
    assertEquals("expected 7 entries, found 6 (the first 6 equal)", a.firstDifference(shorter).get());
  }
}
