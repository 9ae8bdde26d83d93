package io.g2lstm.prep.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a sentence in the source language: subject-verb-object order in every clause, do-support for
 * negation and questions, and no case marking except on the pronouns.
 */
final class EnglishRealizer {

  private EnglishRealizer() {}

  static String realize(Sentence sentence) {
    List<String> words = new ArrayList<>();
    switch (sentence.fronted()) {
      case ADVERB -> {
        words.add(sentence.adverb().orElseThrow().english());
        words.add(",");
      }
      case CLAUSE -> {
        adverbialClause(sentence.adverbialClause().orElseThrow(), words);
        words.add(",");
      }
      case NOTHING -> { }
    }
    if (sentence.mood() == Sentence.Mood.QUESTION) {
      question(sentence.main(), words);
    } else {
      declarative(sentence.main(), words);
    }
    if (sentence.fronted() != Sentence.Fronted.ADVERB) {
      sentence.adverb().ifPresent(adverb -> words.add(adverb.english()));
    }
    if (sentence.fronted() != Sentence.Fronted.CLAUSE) {
      sentence.adverbialClause().ifPresent(clause -> adverbialClause(clause, words));
    }
    words.add(sentence.mood().mark());
    return Orthography.sentence(words);
  }

  private static void adverbialClause(AdverbialClause adverbialClause, List<String> words) {
    words.add(adverbialClause.conjunction().english());
    declarative(adverbialClause.clause(), words);
  }

  private static void declarative(Clause clause, List<String> words) {
    nominal(clause.subject(), GrammaticalCase.NOMINATIVE, words);
    Verb verb = clause.verb();
    if (!clause.negated()) {
      words.add(verb.english().finite(clause.person(), clause.tense()));
    } else if (verb.usesDoSupport()) {
      words.add(Lexicon.DO.finite(clause.person(), clause.tense()));
      words.add(Lexicon.ENGLISH_NOT);
      words.add(verb.english().base());
    } else {
      words.add(verb.english().finite(clause.person(), clause.tense()));
      words.add(Lexicon.ENGLISH_NOT);
    }
    complements(clause, words);
  }

  private static void question(Clause clause, List<String> words) {
    Verb verb = clause.verb();
    if (verb.usesDoSupport()) {
      words.add(Lexicon.DO.finite(clause.person(), clause.tense()));
      nominal(clause.subject(), GrammaticalCase.NOMINATIVE, words);
      words.add(verb.english().base());
    } else {
      words.add(verb.english().finite(clause.person(), clause.tense()));
      nominal(clause.subject(), GrammaticalCase.NOMINATIVE, words);
    }
    complements(clause, words);
  }

  /** Everything after the verb, in a fixed order. */
  private static void complements(Clause clause, List<String> words) {
    clause.object().ifPresent(object -> nominal(object, GrammaticalCase.ACCUSATIVE, words));
    clause.predicative().ifPresent(adjective -> words.add(adjective.english()));
    clause.place().ifPresent(place -> {
      words.add(place.preposition().english());
      nominal(place.object(), GrammaticalCase.ACCUSATIVE, words);
    });
    clause.complement().ifPresent(complement -> {
      words.add(Lexicon.ENGLISH_THAT);
      declarative(complement, words);
    });
  }

  /** English distinguishes only subject and object forms, so any non-nominative case gives "me" and "us". */
  private static void nominal(Nominal nominal, GrammaticalCase grammaticalCase, List<String> words) {
    if (nominal instanceof Pronoun pronoun) {
      words.add(pronoun.english(grammaticalCase));
    } else if (nominal instanceof NounPhrase phrase) {
      nounPhrase(phrase, words);
    }
  }

  private static void nounPhrase(NounPhrase phrase, List<String> words) {
    List<String> rest = new ArrayList<>();
    phrase.adjective().ifPresent(adjective -> rest.add(adjective.english()));
    phrase.modifier().ifPresent(modifier -> rest.add(modifier.english(false)));
    rest.add(phrase.head().english(phrase.plural()));
    String determiner = phrase.determiner().english(phrase.plural());
    boolean indefiniteSingular = phrase.determiner() == Determiner.INDEFINITE && !phrase.plural();
    words.add(indefiniteSingular ? EnglishSpelling.indefiniteArticle(rest.get(0)) : determiner);
    words.addAll(rest);
  }
}
