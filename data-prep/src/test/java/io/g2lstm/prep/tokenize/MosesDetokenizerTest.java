package io.g2lstm.prep.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.g2lstm.common.ConfigurationException;
import org.junit.jupiter.api.Test;

/** Rules of Moses's detokenizer.perl; the expected outputs were checked against the Perl script. */
class MosesDetokenizerTest {

  private final MosesDetokenizer english = MosesDetokenizer.forLanguage("en");
  private final MosesDetokenizer german = MosesDetokenizer.forLanguage("de");

  @Test
  void pairsStraightQuotesOpeningThenClosing() {
    assertEquals("\"Hello,\" she said, \"world.\"",
        english.detokenize("&quot; Hello , &quot; she said , &quot; world . &quot;"));
    assertEquals("\"Ja\" und \"Nein\".", german.detokenize("&quot; Ja &quot; und &quot; Nein &quot; ."));
  }

  @Test
  void countsGermanCurlyQuotesWithStraightDoubleQuotes() {
    assertEquals("„Grüß Gott“, sagte er.", german.detokenize("„ Grüß Gott “ , sagte er ."));
    assertEquals("„Hallo“ und \"Tschüss\".", german.detokenize("„ Hallo “ und &quot; Tschüss &quot; ."));
  }

  @Test
  void attachesEnglishContractionsAndPossessiveApostrophes() {
    assertEquals("I don't know, it's Tom's car.",
        english.detokenize("I don &apos;t know , it &apos;s Tom &apos;s car ."));
    assertEquals("the dogs' bones and 'quoted' words",
        english.detokenize("the dogs &apos; bones and &apos; quoted &apos; words"));
  }

  @Test
  void germanTreatsALoneApostropheAsAQuote() {
    assertEquals("Wie geht 's dir?", german.detokenize("Wie geht &apos; s dir ?"));
  }

  @Test
  void joinsAggressivelySplitHyphens() {
    assertEquals("a well-known co-op", english.detokenize("a well @-@ known co @-@ op"));
  }

  @Test
  void unescapesEachEntityOnce() {
    assertEquals("< & > [x] a | b &lt;", english.detokenize("&lt; &amp; &gt; &#91; x &#93; a &#124; b &amp;lt;"));
  }

  @Test
  void attachesCurrencyAndOpeningBracketsRightAndClosingPunctuationLeft() {
    assertEquals("It costs $5 (approx.), or €4!", english.detokenize("It costs $ 5 ( approx . ) , or € 4 !"));
    assertEquals("¿Qué? ¡Sí!", english.detokenize("¿ Qué ? ¡ Sí !"));
    assertEquals("100% sure; yes: no", english.detokenize("100 % sure ; yes : no"));
  }

  @Test
  void anEmptyTokenBetweenTwoSpacesEndsARightShiftAsInMoses() {
    assertEquals("a ( b", english.detokenize("a  (  b"));
  }

  @Test
  void returnsBlankAndMarkupLinesUnchanged() {
    assertEquals("<p> stays as is </p>", english.detokenize("<p> stays as is </p>"));
    assertEquals("  ", english.detokenize("  "));
  }

  @Test
  void undoesTheTokenizerOnPlainSentences() {
    MosesTokenizer tokenizer = MosesTokenizer.forLanguage("en").withAggressiveHyphenSplit(true);
    String line = "Mr. Smith's well-known \"Fish & Chips\" shop (est. 1990) sold 1,000 portions, didn't it?";
    assertEquals(line, english.detokenize(tokenizer.tokenize(line)));
  }

  @Test
  void rejectsUnknownLanguages() {
    assertThrows(ConfigurationException.class, () -> MosesDetokenizer.forLanguage("xx"));
  }
}
