package io.g2lstm.prep.tokenize;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.DataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonbreakingPrefixesTest {

  @Test
  void readsBothKindsAndSkipsCommentsAndBlankLines() {
    NonbreakingPrefixes prefixes = NonbreakingPrefixes.parse("test",
        List.of("# a comment", "", "Dr", "  Prof  ", "No #NUMERIC_ONLY#", "Dr"));
    assertTrue(prefixes.isPlain("Dr"));
    assertTrue(prefixes.isPlain("Prof"));
    assertTrue(prefixes.isNumericOnly("No"));
    assertFalse(prefixes.isPlain("No"));
    assertFalse(prefixes.isNumericOnly("Dr"));
    assertFalse(prefixes.isPlain("# a comment"));
  }

  @Test
  void rejectsAPrefixListedAsBothKinds() {
    DataException error = assertThrows(DataException.class,
        () -> NonbreakingPrefixes.parse("list.txt", List.of("No", "No #NUMERIC_ONLY#")));
    assertTrue(error.getMessage().startsWith("list.txt:2:"), error.getMessage());
  }

  @Test
  void rejectsAPrefixContainingWhitespace() {
    assertThrows(DataException.class, () -> NonbreakingPrefixes.parse("list.txt", List.of("Mr Dr")));
  }

  @Test
  void bundledListsCoverTitlesMonthsAndInitials() {
    NonbreakingPrefixes english = NonbreakingPrefixes.forLanguage(MosesLanguage.EN);
    assertTrue(english.isPlain("Mrs"));
    assertTrue(english.isPlain("Sept"));
    assertTrue(english.isPlain("J"));
    assertTrue(english.isNumericOnly("No"));
    NonbreakingPrefixes german = NonbreakingPrefixes.forLanguage(MosesLanguage.DE);
    assertTrue(german.isPlain("bzw"));
    assertTrue(german.isPlain("31"));
    assertTrue(german.isPlain("z"));
    assertTrue(german.isNumericOnly("Nr"));
  }
}
