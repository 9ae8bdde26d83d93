package io.g2lstm.prep.demo;

import io.g2lstm.prep.demo.Sentence.Fronted;
import io.g2lstm.prep.demo.Sentence.Mood;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** Builds sentence trees from English words, for tests that state expected translations by hand. */
final class Trees {

  private Trees() {}

  static NounPhrase the(String noun) {
    return phrase(Determiner.DEFINITE, null, null, noun, false);
  }

  static NounPhrase theMany(String noun) {
    return phrase(Determiner.DEFINITE, null, null, noun, true);
  }

  /** A noun phrase; {@code adjective} and {@code modifier} may be null. */
  static NounPhrase phrase(Determiner determiner, String adjective, String modifier, String noun, boolean plural) {
    return new NounPhrase(determiner, Optional.ofNullable(adjective).map(Trees::adjective),
        Optional.ofNullable(modifier).map(Trees::noun), noun(noun), plural);
  }

  static Noun noun(String english) {
    return find(Lexicon.NOUNS.stream(), Noun::english, english);
  }

  static Adjective adjective(String english) {
    return find(Lexicon.ADJECTIVES.stream(), Adjective::english, english);
  }

  static Verb verb(String english) {
    return find(Stream.concat(Lexicon.ACTION_VERBS.stream(), Lexicon.CLAUSE_VERBS.stream()),
        v -> v.english().base(), english);
  }

  static Preposition preposition(String english) {
    return find(Lexicon.PREPOSITIONS.stream(), Preposition::english, english);
  }

  static Adverb adverb(String english) {
    return find(Lexicon.ADVERBS.stream(), Adverb::english, english);
  }

  /** A clause with an object, or without one when {@code object} is null. */
  static Clause clause(Nominal subject, String verb, Tense tense, Nominal object) {
    return new Clause(subject, verb(verb), tense, false, Optional.ofNullable(object), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  static Clause withPlace(Clause clause, String preposition, Nominal object) {
    return new Clause(clause.subject(), clause.verb(), clause.tense(), clause.negated(), clause.object(),
        clause.predicative(), Optional.of(new PrepositionalPhrase(preposition(preposition), object)),
        clause.complement());
  }

  static Clause negated(Clause clause) {
    return new Clause(clause.subject(), clause.verb(), clause.tense(), true, clause.object(),
        clause.predicative(), clause.place(), clause.complement());
  }

  static Clause copula(Nominal subject, Tense tense, String adjective) {
    return new Clause(subject, Lexicon.COPULA, tense, false, Optional.empty(), Optional.of(adjective(adjective)),
        Optional.empty(), Optional.empty());
  }

  static Clause reporting(Nominal subject, String verb, Tense tense, Clause complement) {
    return new Clause(subject, verb(verb), tense, false, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(complement));
  }

  static Sentence statement(Clause main) {
    return new Sentence(Mood.STATEMENT, main, Optional.empty(), Optional.empty(), Fronted.NOTHING);
  }

  static Sentence question(Clause main) {
    return new Sentence(Mood.QUESTION, main, Optional.empty(), Optional.empty(), Fronted.NOTHING);
  }

  static Sentence withAdverb(Clause main, String adverb, boolean fronted) {
    return new Sentence(Mood.STATEMENT, main, Optional.empty(), Optional.of(adverb(adverb)),
        fronted ? Fronted.ADVERB : Fronted.NOTHING);
  }

  static Sentence withClause(Clause main, Conjunction conjunction, Clause clause, boolean fronted) {
    return new Sentence(Mood.STATEMENT, main, Optional.of(new AdverbialClause(conjunction, clause)),
        Optional.empty(), fronted ? Fronted.CLAUSE : Fronted.NOTHING);
  }

  private static <T> T find(Stream<T> words, Function<T, String> english, String wanted) {
    List<T> matches = words.filter(word -> english.apply(word).equals(wanted)).toList();
    if (matches.size() != 1) {
      throw new IllegalArgumentException("expected one lexicon entry '" + wanted + "', found " + matches.size());
    }
    return matches.get(0);
  }
}
