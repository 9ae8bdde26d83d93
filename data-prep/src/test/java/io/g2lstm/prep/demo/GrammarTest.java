package io.g2lstm.prep.demo;

import static io.g2lstm.prep.demo.Trees.clause;
import static io.g2lstm.prep.demo.Trees.copula;
import static io.g2lstm.prep.demo.Trees.negated;
import static io.g2lstm.prep.demo.Trees.phrase;
import static io.g2lstm.prep.demo.Trees.question;
import static io.g2lstm.prep.demo.Trees.reporting;
import static io.g2lstm.prep.demo.Trees.statement;
import static io.g2lstm.prep.demo.Trees.the;
import static io.g2lstm.prep.demo.Trees.theMany;
import static io.g2lstm.prep.demo.Trees.withAdverb;
import static io.g2lstm.prep.demo.Trees.withClause;
import static io.g2lstm.prep.demo.Trees.withPlace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.g2lstm.prep.corpus.TextPair;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hand-written translations of sentence trees: agreement, compounds and word order in the target. */
class GrammarTest {

  private static void assertTranslation(Sentence sentence, String source, String target) {
    assertEquals(new TextPair(source, target), SyntheticCorpus.translate(sentence));
  }

  @Test
  void articlesAndAdjectivesAgreeWithGenderAndCase() {
    assertTranslation(
        statement(clause(phrase(Determiner.DEFINITE, "big", null, "dog", false), "see", Tense.PRESENT,
            phrase(Determiner.DEFINITE, "small", null, "cat", false))),
        "The big dog sees the small cat.", "Der grosse Hund sieht die kleine Katze.");
    assertTranslation(
        statement(clause(phrase(Determiner.INDEFINITE, "big", null, "dog", false), "see", Tense.PRESENT,
            phrase(Determiner.INDEFINITE, "old", null, "house", false))),
        "A big dog sees an old house.", "Ein grosser Hund sieht ein altes Haus.");
    assertTranslation(
        statement(clause(phrase(Determiner.MY, "tired", null, "man", false), "visit", Tense.PRESENT,
            phrase(Determiner.DEMONSTRATIVE, "tired", null, "man", false))),
        "My tired man visits this tired man.", "Mein mueder Mann besucht diesen mueden Mann.");
  }

  @Test
  void objectCaseDependsOnTheVerbAndPreposition() {
    assertTranslation(statement(clause(the("man"), "see", Tense.PRESENT, the("dog"))),
        "The man sees the dog.", "Der Mann sieht den Hund.");
    assertTranslation(statement(clause(the("dog"), "help", Tense.PRESENT, the("man"))),
        "The dog helps the man.", "Der Hund hilft dem Mann.");
    assertTranslation(statement(withPlace(clause(Pronoun.SPEAKER, "sleep", Tense.PAST, null), "with", the("dog"))),
        "I slept with the dog.", "Ich schlief mit dem Hund.");
    assertTranslation(statement(withPlace(clause(Pronoun.SPEAKER, "sleep", Tense.PAST, null), "for", the("dog"))),
        "I slept for the dog.", "Ich schlief fuer den Hund.");
    assertTranslation(statement(clause(the("dog"), "see", Tense.PRESENT, Pronoun.SPEAKER)),
        "The dog sees me.", "Der Hund sieht mich.");
    assertTranslation(statement(clause(the("dog"), "help", Tense.PRESENT, Pronoun.SPEAKER)),
        "The dog helps me.", "Der Hund hilft mir.");
  }

  @Test
  void pluralChangesArticleNounAndVerb() {
    assertTranslation(statement(clause(theMany("dog"), "see", Tense.PRESENT, theMany("cat"))),
        "The dogs see the cats.", "Die Hunde sehen die Katzen.");
    assertTranslation(statement(clause(theMany("woman"), "thank", Tense.PAST, theMany("teacher"))),
        "The women thanked the teachers.", "Die Frauen dankten den Lehrern.");
    assertTranslation(statement(clause(phrase(Determiner.INDEFINITE, "red", null, "apple", true), "need",
            Tense.PRESENT, phrase(Determiner.OUR, "empty", null, "cup", true))),
        "Some red apples need our empty cups.", "Einige rote Aepfel brauchen unsere leeren Tassen.");
  }

  @Test
  void singularAndPluralNounPhrasesDifferForEveryNounDeterminerAndCase() {
    for (Noun noun : Lexicon.NOUNS) {
      for (Determiner determiner : Determiner.values()) {
        for (GrammaticalCase grammaticalCase : GrammaticalCase.values()) {
          String singular = germanObject(phrase(determiner, "big", null, noun.english(), false), grammaticalCase);
          String plural = germanObject(phrase(determiner, "big", null, noun.english(), true), grammaticalCase);
          assertNotEquals(singular, plural, noun + " " + determiner + " " + grammaticalCase);
        }
      }
    }
  }

  @Test
  void nounPairsBecomeCompoundsWithTheGenderOfTheHead() {
    assertTranslation(
        statement(clause(phrase(Determiner.DEFINITE, "new", "kitchen", "table", false), "see", Tense.PRESENT,
            phrase(Determiner.DEFINITE, null, "garden", "door", true))),
        "The new kitchen table sees the garden doors.", "Der neue Kuechentisch sieht die Gartentueren.");
  }

  @Test
  void verbGoesLastInSubordinateClauses() {
    Clause main = clause(the("cat"), "sleep", Tense.PRESENT, null);
    Clause reason = withPlace(clause(the("dog"), "see", Tense.PAST, the("cat")), "in", the("garden"));
    assertTranslation(withClause(main, Conjunction.BECAUSE, reason, false),
        "The cat sleeps because the dog saw the cat in the garden.",
        "Die Katze schlaeft, weil der Hund die Katze in dem Garten sah.");
    assertTranslation(statement(reporting(the("woman"), "say", Tense.PRESENT, reason)),
        "The woman says that the dog saw the cat in the garden.",
        "Die Frau sagt, dass der Hund die Katze in dem Garten sah.");
  }

  @Test
  void frontedAdverbOrClausePutsTheVerbBeforeTheSubject() {
    Clause main = clause(the("dog"), "see", Tense.PAST, the("cat"));
    assertTranslation(withAdverb(main, "yesterday", true),
        "Yesterday, the dog saw the cat.", "Gestern sah der Hund die Katze.");
    assertTranslation(withAdverb(main, "yesterday", false),
        "The dog saw the cat yesterday.", "Der Hund sah gestern die Katze.");
    assertTranslation(
        withClause(clause(the("cat"), "eat", Tense.PAST, the("bread")), Conjunction.WHEN,
            clause(the("dog"), "sleep", Tense.PAST, null), true),
        "When the dog slept, the cat ate the bread.", "Als der Hund schlief, ass die Katze das Brot.");
    assertTranslation(
        withClause(clause(the("cat"), "eat", Tense.PRESENT, the("bread")), Conjunction.WHEN,
            clause(the("dog"), "sleep", Tense.PRESENT, null), true),
        "When the dog sleeps, the cat eats the bread.", "Wenn der Hund schlaeft, isst die Katze das Brot.");
  }

  @Test
  void questionsPutTheVerbFirstAndDropDo() {
    assertTranslation(question(clause(the("dog"), "see", Tense.PAST, the("cat"))),
        "Did the dog see the cat?", "Sah der Hund die Katze?");
    assertTranslation(question(clause(Pronoun.SPEAKERS, "visit", Tense.PRESENT, the("town"))),
        "Do we visit the town?", "Besuchen wir die Stadt?");
    assertTranslation(question(copula(theMany("horse"), Tense.PAST, "hungry")),
        "Were the horses hungry?", "Waren die Pferde hungrig?");
  }

  @Test
  void negationGoesToTheEndOfTheMiddleField() {
    Clause seeing = withPlace(clause(the("dog"), "see", Tense.PAST, the("cat")), "in", the("garden"));
    assertTranslation(statement(negated(seeing)),
        "The dog did not see the cat in the garden.", "Der Hund sah die Katze in dem Garten nicht.");
    assertTranslation(statement(negated(copula(Pronoun.SPEAKER, Tense.PRESENT, "tired"))),
        "I am not tired.", "Ich bin nicht muede.");
    assertTranslation(
        withClause(clause(the("cat"), "laugh", Tense.PRESENT, null), Conjunction.ALTHOUGH, negated(seeing), false),
        "The cat laughs although the dog did not see the cat in the garden.",
        "Die Katze lacht, obwohl der Hund die Katze in dem Garten nicht sah.");
  }

  @Test
  void weakVerbsTakeALinkingEWhereGermanNeedsOne() {
    assertEquals("wartet", GermanVerb.weak("wart").thirdSingular());
    assertEquals("oeffnete", GermanVerb.weak("oeffn").pastSingular());
    assertEquals("zeichneten", GermanVerb.weak("zeichn").pastPlural());
    assertEquals("wohnt", GermanVerb.weak("wohn").thirdSingular());
    assertEquals("weinte", GermanVerb.weak("wein").pastSingular());
  }

  /** The German noun phrase as the object of a preposition governing the given case. */
  private static String germanObject(NounPhrase phrase, GrammaticalCase grammaticalCase) {
    Preposition preposition = new Preposition("with", "mit", grammaticalCase);
    Clause clause = new Clause(Pronoun.SPEAKER, Lexicon.COPULA, Tense.PRESENT, false, Optional.empty(),
        Optional.empty(), Optional.of(new PrepositionalPhrase(preposition, phrase)), Optional.empty());
    return SyntheticCorpus.translate(statement(clause)).target();
  }
}
