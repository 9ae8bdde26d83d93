package io.g2lstm.prep.demo;

import java.util.Optional;

/** A verb of the lexicon: its forms in both languages and what it takes as complement. */
record Verb(EnglishVerb english, GermanVerb german, Frame frame) {

  /** What follows the verb: this decides the object's case (helfen takes a dative) and the clause shape. */
  enum Frame {
    INTRANSITIVE,
    ACCUSATIVE_OBJECT,
    DATIVE_OBJECT,
    /** Takes a "that" clause, which the target language makes verb-final. */
    CLAUSE_OBJECT,
    /** "be": takes a predicative adjective or a place, and needs no do-support. */
    COPULA
  }

  Optional<GrammaticalCase> objectCase() {
    return switch (frame) {
      case ACCUSATIVE_OBJECT -> Optional.of(GrammaticalCase.ACCUSATIVE);
      case DATIVE_OBJECT -> Optional.of(GrammaticalCase.DATIVE);
      case INTRANSITIVE, CLAUSE_OBJECT, COPULA -> Optional.empty();
    };
  }

  /** Whether negation and questions go through "do" (every verb but "be"). */
  boolean usesDoSupport() {
    return frame != Frame.COPULA;
  }
}
