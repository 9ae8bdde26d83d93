package io.g2lstm.model.bleu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tokenizers against outputs of sacreBLEU 2.6.0's own regular expressions on the same inputs. */
class BleuTokenizerTest {

  private static String v13a(String line) {
    return BleuTokenizer.V13A.tokenize(line);
  }

  private static String intl(String line) {
    return BleuTokenizer.INTL.tokenize(line);
  }

  @Test
  void v13aUnescapesOnlyFourEntities() {
    assertEquals("\" Hello \" & < b > & apos ;", v13a("&quot;Hello&quot; &amp; &lt;b&gt; &apos;"));
    // &amp; is unescaped after &quot;, so an escaped entity stays an entity.
    assertEquals("& quot ;", v13a("&amp;quot;"));
  }

  @Test
  void v13aJoinsHyphenatedLineBreaksAndDropsSkipped() {
    assertEquals("wellknown a b", v13a("well-\nknown a\nb"));
    assertEquals("one two", v13a("one <skipped> two"));
  }

  @Test
  void v13aSplitsPunctuationAndSymbols() {
    assertEquals("Hello , world !", v13a("Hello, world!"));
    assertEquals("it's { a } [ b ] ` c ` ~ d ^ | e | _ f _ # 1 $ 2 % 3 * 4 + 5 = 6 @ 7 / 8 \\ 9 ; : ?",
        v13a("it's {a} [b] `c` ~d^ |e| _f_ #1 $2 %3 *4 +5 =6 @7 /8 \\9 ;:?"));
    assertEquals("a . . b", v13a("a..b"));
    assertEquals(". . .", v13a("..."));
    assertEquals("Über , Straße .", v13a("Über,Straße."));
  }

  @Test
  void v13aKeepsPeriodsAndCommasInsideNumbers() {
    assertEquals("3.5 1,000 pages .", v13a("3.5 1,000 pages."));
    // The padding spaces make a final period after a number split too (unlike intl).
    assertEquals("In 1990 .", v13a("In 1990."));
    assertEquals("x . 5 and 5 . x", v13a("x.5 and 5.x"));
    assertEquals("e . g . U . S . A .", v13a("e.g. U.S.A."));
  }

  @Test
  void v13aSplitsDashesOnlyAfterDigits() {
    assertEquals("5 - 6 a-b 5 - x", v13a("5-6 a-b 5-x"));
  }

  @Test
  void v13aSplitsAtPythonWhitespaceOnly() {
    assertEquals("x", v13a("\u00a0x\u00a0"));
    assertEquals("a\u200bb", v13a("a\u200bb"));
  }

  @Test
  void intlSplitsUnicodePunctuationAndSymbols() {
    assertEquals("Hello , world !", intl("Hello, world!"));
    assertEquals("€ 5 and 5 €", intl("€5 and 5€"));
    assertEquals("« Zitat » „ Zitat “", intl("«Zitat» „Zitat“"));
    assertEquals("a — b", intl("a—b"));
    assertEquals("x + y = z", intl("x+y=z"));
    assertEquals("it ' s", intl("it's"));
    assertEquals("e . g . U . S . A .", intl("e.g. U.S.A."));
  }

  @Test
  void intlKeepsPunctuationBetweenOrAfterNumbers() {
    assertEquals("1,000.5 und 3.14", intl("1,000.5 und 3.14"));
    // mteval-v14's quirk, kept by sacreBLEU: a sentence-final period after a number stays attached.
    assertEquals("In 1990.", intl("In 1990."));
    assertEquals("(3)", intl("(3)"));
    // Numbers are the Unicode category N, not only ASCII digits, including those outside the BMP.
    assertEquals("½.", intl("½."));
    assertEquals("\uD835\uDFD8 . x", intl("\uD835\uDFD8.x"));
  }

  @Test
  void noneLeavesTheLineAsItIs() {
    assertEquals(" Hello, world! ", BleuTokenizer.NONE.tokenize(" Hello, world! "));
  }

  @Test
  void wordsAreLowercasedStrippedAndSplitAsPythonDoes() {
    BleuMetric metric = BleuMetric.sacreBleuDefaults().withTokenizer(BleuTokenizer.NONE).withLowercase(true);
    assertEquals(List.of("a", "b\u200bc", "d"), metric.words(" a\u2003b\u200bc\u001c d\u0085"));
    assertEquals(List.of("straße", "i\u0307", "σας"), metric.words("Straße İ ΣΑΣ"));
  }

  @Test
  void tokenizersAreNamedAsInSacreBleu() {
    assertEquals(Optional.of(BleuTokenizer.V13A), BleuTokenizer.named("13a"));
    assertEquals(Optional.of(BleuTokenizer.INTL), BleuTokenizer.named("intl"));
    assertEquals(Optional.of(BleuTokenizer.NONE), BleuTokenizer.named("none"));
    assertEquals(Optional.empty(), BleuTokenizer.named("zh"));
  }
}
