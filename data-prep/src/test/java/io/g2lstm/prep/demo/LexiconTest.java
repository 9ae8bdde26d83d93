package io.g2lstm.prep.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The lexicon keeps source forms unambiguous and target words within the plain ASCII alphabet. */
class LexiconTest {

  @Test
  void noSourceFormBelongsToTwoWords() {
    Map<String, String> owners = new HashMap<>();
    Lexicon.NOUNS.forEach(n -> claim(owners, "noun " + n.english(), n.english(), n.englishPlural()));
    Lexicon.ADJECTIVES.forEach(a -> claim(owners, "adjective " + a.english(), a.english()));
    Stream.of(Lexicon.ACTION_VERBS, Lexicon.CLAUSE_VERBS, List.of(Lexicon.COPULA)).flatMap(List::stream)
        .map(Verb::english)
        .forEach(v -> claim(owners, "verb " + v.base(), v.base(), v.firstSingular(), v.thirdSingular(),
            v.plural(), v.pastSingular(), v.pastPlural()));
    claim(owners, "do", Lexicon.DO.base(), Lexicon.DO.thirdSingular(), Lexicon.DO.pastSingular());
    Lexicon.PREPOSITIONS.forEach(p -> claim(owners, "preposition " + p.english(), p.english()));
    Lexicon.ADVERBS.forEach(a -> claim(owners, "adverb " + a.english(), a.english()));
    for (Conjunction conjunction : Conjunction.values()) {
      claim(owners, "conjunction " + conjunction, conjunction.english());
    }
    for (Determiner determiner : Determiner.values()) {
      claim(owners, "determiner " + determiner, determiner.english(false), determiner.english(true));
    }
    claim(owners, "determiner " + Determiner.INDEFINITE, "an");
    for (Pronoun pronoun : Pronoun.values()) {
      claim(owners, "pronoun " + pronoun, pronoun.english(GrammaticalCase.NOMINATIVE),
          pronoun.english(GrammaticalCase.ACCUSATIVE));
    }
    claim(owners, "not", Lexicon.ENGLISH_NOT);
    claim(owners, "that", Lexicon.ENGLISH_THAT);
  }

  @Test
  void regularEnglishSpellingRules() {
    assertEquals("carries", EnglishSpelling.withS("carry"));
    assertEquals("plays", EnglishSpelling.withS("play"));
    assertEquals("kisses", EnglishSpelling.withS("kiss"));
    assertEquals("does", EnglishSpelling.withS("do"));
    assertEquals("hoped", EnglishSpelling.withEd("hope"));
    assertEquals("cried", EnglishSpelling.withEd("cry"));
    assertEquals("an", EnglishSpelling.indefiniteArticle("old"));
    assertEquals("a", EnglishSpelling.indefiniteArticle("big"));
  }

  @Test
  void wordsAreLowerCaseAsciiLettersExceptTargetNouns() {
    Lexicon.NOUNS.forEach(n -> {
      assertTrue(n.english().matches("[a-z]+") && n.englishPlural().matches("[a-z]+"), n.toString());
      assertTrue(n.german().matches("[A-Z][a-z]+") && n.germanPlural().matches("[A-Z][a-z]+"), n.toString());
      n.compoundForm().ifPresent(form -> assertTrue(form.matches("[A-Z][a-z]+"), n.toString()));
    });
    Lexicon.ADJECTIVES.forEach(a -> assertTrue((a.english() + a.german()).matches("[a-z]+"), a.toString()));
    Stream.of(Lexicon.ACTION_VERBS, Lexicon.CLAUSE_VERBS).flatMap(List::stream)
        .forEach(v -> assertTrue(String.join("", v.german().firstSingular(), v.german().thirdSingular(),
            v.german().plural(), v.german().pastSingular(), v.german().pastPlural()).matches("[a-z]+"),
            v.toString()));
  }

  /** Registers each form for {@code word}; a form registered by another word fails the test. */
  private static void claim(Map<String, String> owners, String word, String... forms) {
    for (String form : forms) {
      String owner = owners.putIfAbsent(form, word);
      assertTrue(owner == null || owner.equals(word),
          "'" + form + "' is a form of both " + owner + " and " + word);
    }
  }
}
