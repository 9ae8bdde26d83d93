package io.g2lstm.prep.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a sentence in the target language: the finite verb second in statements (after whatever is
 * fronted), first in questions and last in subordinate clauses; "nicht" at the end of the middle field;
 * articles, adjectives and nouns inflected for gender, number and case; noun-noun pairs as compounds.
 */
final class GermanRealizer {

  /** Where the finite verb goes. */
  private enum VerbPosition {
    SECOND,
    FIRST,
    LAST
  }

  private GermanRealizer() {}

  static String realize(Sentence sentence) {
    List<String> words = new ArrayList<>();
    List<String> fronted = new ArrayList<>();
    switch (sentence.fronted()) {
      case ADVERB -> fronted.add(sentence.adverb().orElseThrow().german());
      case CLAUSE -> {
        adverbialClause(sentence.adverbialClause().orElseThrow(), fronted);
        fronted.add(",");
      }
      case NOTHING -> { }
    }
    Optional<Adverb> middleAdverb =
        sentence.fronted() == Sentence.Fronted.ADVERB ? Optional.empty() : sentence.adverb();
    VerbPosition position =
        sentence.mood() == Sentence.Mood.QUESTION ? VerbPosition.FIRST : VerbPosition.SECOND;
    clause(sentence.main(), position, fronted, middleAdverb, words);
    if (sentence.fronted() != Sentence.Fronted.CLAUSE) {
      sentence.adverbialClause().ifPresent(adverbialClause -> {
        words.add(",");
        adverbialClause(adverbialClause, words);
      });
    }
    words.add(sentence.mood().mark());
    return Orthography.sentence(words);
  }

  private static void adverbialClause(AdverbialClause adverbialClause, List<String> words) {
    Clause clause = adverbialClause.clause();
    words.add(adverbialClause.conjunction().german(clause.tense()));
    clause(clause, VerbPosition.LAST, List.of(), Optional.empty(), words);
  }

  /**
   * Lays out one clause: fronted part or subject, finite verb, and the middle field (adverb, object, place,
   * nicht, predicative adjective), with the verb moved to the given position; a "that" clause follows.
   */
  private static void clause(Clause clause, VerbPosition position, List<String> fronted,
      Optional<Adverb> adverb, List<String> words) {
    List<String> subject = new ArrayList<>();
    nominal(clause.subject(), GrammaticalCase.NOMINATIVE, subject);
    List<String> middle = new ArrayList<>();
    adverb.ifPresent(a -> middle.add(a.german()));
    clause.object().ifPresent(object -> nominal(object, clause.verb().objectCase().orElseThrow(), middle));
    clause.place().ifPresent(place -> {
      middle.add(place.preposition().german());
      nominal(place.object(), place.preposition().governs(), middle);
    });
    if (clause.negated()) {
      middle.add(Lexicon.GERMAN_NOT);
    }
    clause.predicative().ifPresent(adjective -> middle.add(adjective.german()));
    String finite = clause.verb().german().finite(clause.person(), clause.tense());

    switch (position) {
      case SECOND -> {
        if (fronted.isEmpty()) {
          words.addAll(subject);
          words.add(finite);
        } else {
          words.addAll(fronted);
          words.add(finite);
          words.addAll(subject);
        }
        words.addAll(middle);
      }
      case FIRST -> {
        words.add(finite);
        words.addAll(subject);
        words.addAll(middle);
      }
      case LAST -> {
        words.addAll(subject);
        words.addAll(middle);
        words.add(finite);
      }
    }
    clause.complement().ifPresent(complement -> {
      words.add(",");
      words.add(Lexicon.GERMAN_THAT);
      clause(complement, VerbPosition.LAST, List.of(), Optional.empty(), words);
    });
  }

  private static void nominal(Nominal nominal, GrammaticalCase grammaticalCase, List<String> words) {
    if (nominal instanceof Pronoun pronoun) {
      words.add(pronoun.german(grammaticalCase));
    } else if (nominal instanceof NounPhrase phrase) {
      nounPhrase(phrase, grammaticalCase, words);
    }
  }

  private static void nounPhrase(NounPhrase phrase, GrammaticalCase grammaticalCase, List<String> words) {
    Determiner determiner = phrase.determiner();
    Gender gender = phrase.head().gender();
    boolean plural = phrase.plural();
    words.add(determiner.germanArticle(grammaticalCase, gender, plural));
    phrase.adjective().ifPresent(adjective ->
        words.add(inflect(adjective.german(), determiner.adjectiveEnding(grammaticalCase, gender, plural))));
    String head = phrase.head().german(plural, grammaticalCase);
    words.add(phrase.modifier()
        .map(modifier -> modifier.compoundForm().orElseThrow() + head.toLowerCase(Locale.ROOT))
        .orElse(head));
  }

  /** Adds an ending to an adjective stem; a stem in -e does not double it (muede, mueden). */
  private static String inflect(String stem, String ending) {
    return stem.endsWith("e") && ending.startsWith("e") ? stem + ending.substring(1) : stem + ending;
  }
}
