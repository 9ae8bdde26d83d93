package io.g2lstm.prep.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rules of Moses's tokenizer.perl, one at a time; the expected outputs were checked against the Perl script. */
class MosesTokenizerTest {

  private final MosesTokenizer english = MosesTokenizer.forLanguage("en");
  private final MosesTokenizer german = MosesTokenizer.forLanguage("de");

  @Test
  void escapesCharactersMosesReserves() {
    assertEquals("Fish &amp; chips &lt; 5 &gt; 3 and &quot; quotes &quot; &#91; x &#93; a &#124; b .",
        english.tokenize("Fish & chips < 5 > 3 and \"quotes\" [x] a|b."));
  }

  @Test
  void noEscapeKeepsReservedCharacters() {
    assertEquals("Fish & chips < 5 > 3 and \" quotes \" [ x ] a | b .",
        english.withEscape(false).tokenize("Fish & chips < 5 > 3 and \"quotes\" [x] a|b."));
  }

  @Test
  void keepsThePeriodOfNonbreakingPrefixes() {
    assertEquals("Mr. Smith arrived .", english.tokenize("Mr. Smith arrived."));
    assertEquals("The U.S. Army left .", english.tokenize("The U.S. Army left."));
    assertEquals("It costs 5 dollars. and more", english.tokenize("It costs 5 dollars. and more"));
  }

  @Test
  void numericOnlyPrefixesKeepThePeriodOnlyBeforeADigit() {
    assertEquals("See No. 5 today .", english.tokenize("See No. 5 today."));
    assertEquals("Say No . Then leave .", english.tokenize("Say No. Then leave."));
  }

  @Test
  void alwaysSplitsThePeriodOfTheLastWord() {
    assertEquals("I met Mr .", english.tokenize("I met Mr."));
  }

  @Test
  void germanKeepsOrdinalsSpacedAbbreviationsAndRomanNumerals() {
    assertEquals("Am 3. Oktober kamen z. B. 20 Leute .", german.tokenize("Am 3. Oktober kamen z. B. 20 Leute."));
    assertEquals("Ludwig XIV. war König .", german.tokenize("Ludwig XIV. war König."));
  }

  @Test
  void aggressiveSplittingMarksHyphensBetweenAlphanumerics() {
    String line = "a well-known state-of-the-art co-op for 3-4 people - or x--y";
    assertEquals(line, english.tokenize(line));
    assertEquals("a well @-@ known state @-@ of @-@ the @-@ art co @-@ op for 3 @-@ 4 people - or x--y",
        english.withAggressiveHyphenSplit(true).tokenize(line));
  }

  @Test
  void keepsRunsOfPeriodsTogether() {
    assertEquals("Wait ... what ? .. Really .... yes ..", english.tokenize("Wait... what?.. Really.... yes.."));
  }

  @Test
  void separatesCommasExceptWithinNumbers() {
    assertEquals("5,300 people , and 4,5 or a , b and x , ,5",
        english.tokenize("5,300 people, and 4,5 or a,b and x,,5"));
    assertEquals("It costs 5 ,", english.tokenize("It costs 5,"));
  }

  @Test
  void splitsEnglishContractionsToTheRight() {
    assertEquals("I don &apos;t know , it &apos;s Tom &apos;s 1990 &apos;s car .",
        english.tokenize("I don't know, it's Tom's 1990's car."));
    assertEquals("the dogs &apos; bones and &apos; quoted &apos; words",
        english.tokenize("the dogs' bones and 'quoted' words"));
  }

  @Test
  void splitsAFinalPeriodBeforeAClosingQuote() {
    assertEquals("He said &apos; no . &apos; ", english.tokenize("He said 'no.'"));
  }

  @Test
  void germanSetsEveryApostropheApart() {
    assertEquals("Wie geht &apos; s dir ?", german.tokenize("Wie geht's dir?"));
  }

  @Test
  void separatesNonAsciiPunctuationButNotLetters() {
    assertEquals("„ Grüß Gott “ , sagte er .", german.tokenize("„Grüß Gott“, sagte er."));
    assertEquals("Das Haus – ein Neubau – kostet 5 € .", german.tokenize("Das Haus – ein Neubau – kostet 5€."));
  }

  @Test
  void normalizesUnicodeWhitespaceAndDropsControlCharacters() {
    assertEquals("tab here end .", english.tokenize("\u00a0tab\there\u0001 end\u00a0 ."));
  }

  @Test
  void returnsBlankLinesUnchanged() {
    assertEquals("", english.tokenize(""));
    assertEquals(" \t ", english.tokenize(" \t "));
  }

  @Test
  void rejectsUnknownLanguagesNamingTheExpectedOnes() {
    ConfigurationException error =
        assertThrows(ConfigurationException.class, () -> MosesTokenizer.forLanguage("fr"));
    assertTrue(error.getMessage().contains("[en, de]"), error.getMessage());
    assertTrue(error.getMessage().contains("'fr'"), error.getMessage());
  }

  @Test
  void optionsReturnNewTokenizersAndLeaveTheOriginalAlone() {
    MosesTokenizer aggressive = english.withAggressiveHyphenSplit(true).withEscape(false);
    assertNotSame(english, aggressive);
    assertTrue(aggressive.aggressiveHyphenSplit());
    assertFalse(aggressive.escape());
    assertFalse(english.aggressiveHyphenSplit());
    assertTrue(english.escape());
    assertEquals(MosesLanguage.EN, aggressive.language());
  }

  @Test
  void givesTheSameResultsWhenSharedBetweenThreads() {
    List<String> lines = IntStream.range(0, 2000)
        .mapToObj(i -> "Line " + i + ": Mr. Smith's well-known 1,000 \"quotes\"... don't stop.")
        .toList();
    List<String> sequential = lines.stream().map(english::tokenize).toList();
    List<String> parallel = lines.parallelStream().map(english::tokenize).toList();
    assertEquals(sequential, parallel);
  }
}
