package io.g2lstm.prep.demo;

import java.util.Optional;

/**
 * A whole sentence: a main clause with an optional adverbial clause and an optional adverb. At most one of
 * them comes before the main clause; in the target, whatever comes first pushes the subject after the verb.
 */
record Sentence(Mood mood, Clause main, Optional<AdverbialClause> adverbialClause, Optional<Adverb> adverb,
    Fronted fronted) {

  /**
   * Rejects shapes the generator never makes, because their source text would be ambiguous or their target
   * order undefined: questions with a fronted or subordinate part, a fronted part that is absent, and a final
   * adverb after a "that" clause (which would read as part of that clause).
   */
  Sentence {
    boolean question = mood == Mood.QUESTION;
    if (question && (fronted != Fronted.NOTHING || adverbialClause.isPresent())) {
      throw new IllegalArgumentException("a question has no fronted part and no adverbial clause");
    }
    if (fronted == Fronted.ADVERB && adverb.isEmpty() || fronted == Fronted.CLAUSE && adverbialClause.isEmpty()) {
      throw new IllegalArgumentException("fronted " + fronted + " is absent");
    }
    if (fronted != Fronted.ADVERB && adverb.isPresent() && main.complement().isPresent()) {
      throw new IllegalArgumentException("a final adverb after a that-clause would be ambiguous");
    }
  }

  /** What stands before the main clause. */
  enum Fronted {
    NOTHING,
    ADVERB,
    CLAUSE
  }

  /** The sentence type, which decides the final punctuation and, for questions, the word order. */
  enum Mood {
    STATEMENT("."),
    EXCLAMATION("!"),
    QUESTION("?");

    private final String mark;

    Mood(String mark) {
      this.mark = mark;
    }

    String mark() {
      return mark;
    }
  }
}
