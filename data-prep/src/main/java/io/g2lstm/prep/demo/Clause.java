package io.g2lstm.prep.demo;

import java.util.Optional;

/**
 * One clause, independent of word order: each language's realizer decides where the verb, the negation and
 * the rest go. Which optional parts are present follows from the verb's frame.
 *
 * @param object present exactly for verbs with an object frame
 * @param predicative the adjective after "be"
 * @param place a prepositional phrase, for any frame
 * @param complement the "that" clause of a clause-object verb
 */
record Clause(Nominal subject, Verb verb, Tense tense, boolean negated, Optional<Nominal> object,
    Optional<Adjective> predicative, Optional<PrepositionalPhrase> place, Optional<Clause> complement) {

  Person person() {
    return subject.person();
  }
}
