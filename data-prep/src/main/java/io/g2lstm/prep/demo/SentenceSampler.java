package io.g2lstm.prep.demo;

import io.g2lstm.prep.demo.Sentence.Fronted;
import io.g2lstm.prep.demo.Sentence.Mood;
import io.g2lstm.prep.demo.Verb.Frame;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Draws random sentence trees from the toy grammar. The probabilities keep most sentences short and simple,
 * so a small model can learn the language, while each harder construction (fronting, subordinate clauses,
 * negation, questions, compounds) still occurs often enough to be learnt.
 */
final class SentenceSampler {

  private static final double QUESTION = 0.10;
  private static final double PAST = 0.5;
  private static final double EXCLAMATION = 0.05;
  private static final double ADVERBIAL_CLAUSE = 0.22;
  private static final double CLAUSE_FRONTED = 0.35;
  private static final double ADVERB = 0.22;
  private static final double ADVERB_FRONTED = 0.5;
  private static final double NEGATED = 0.12;
  private static final double PLACE = 0.3;
  private static final double SUBJECT_PRONOUN = 0.15;
  private static final double OBJECT_PRONOUN = 0.12;
  private static final double PLURAL = 0.35;
  private static final double ADJECTIVE = 0.3;
  private static final double COMPOUND = 0.15;
  private static final double COPULA_ADJECTIVE = 0.6;

  /** Verb frames, each drawn as often as it is listed here; likewise for the determiners. */
  private static final List<Frame> FRAMES = List.of(
      Frame.ACCUSATIVE_OBJECT, Frame.ACCUSATIVE_OBJECT, Frame.ACCUSATIVE_OBJECT, Frame.ACCUSATIVE_OBJECT,
      Frame.DATIVE_OBJECT, Frame.INTRANSITIVE, Frame.INTRANSITIVE, Frame.COPULA, Frame.COPULA,
      Frame.CLAUSE_OBJECT);

  private static final List<Determiner> DETERMINERS = List.of(
      Determiner.DEFINITE, Determiner.DEFINITE, Determiner.DEFINITE, Determiner.INDEFINITE,
      Determiner.INDEFINITE, Determiner.MY, Determiner.OUR, Determiner.DEMONSTRATIVE);

  private static final List<Pronoun> PRONOUNS = List.of(Pronoun.values());
  private static final List<Conjunction> CONJUNCTIONS = List.of(Conjunction.values());
  private static final List<Verb> ACCUSATIVE_VERBS = withFrame(Frame.ACCUSATIVE_OBJECT);
  private static final List<Verb> DATIVE_VERBS = withFrame(Frame.DATIVE_OBJECT);
  private static final List<Verb> INTRANSITIVE_VERBS = withFrame(Frame.INTRANSITIVE);
  private static final List<Noun> COMPOUND_MODIFIERS =
      Lexicon.NOUNS.stream().filter(noun -> noun.compoundForm().isPresent()).toList();

  private final SplittableRandom random;

  SentenceSampler(SplittableRandom random) {
    this.random = random;
  }

  Sentence next() {
    double moodRoll = random.nextDouble();
    Mood mood = moodRoll < QUESTION ? Mood.QUESTION
        : moodRoll < QUESTION + EXCLAMATION ? Mood.EXCLAMATION : Mood.STATEMENT;
    boolean question = mood == Mood.QUESTION;
    // Questions stay simple clauses: no negation, no "that" clause, no adverbial clause.
    Clause main = clause(!question, !question);
    boolean withClause = !question && main.complement().isEmpty() && chance(ADVERBIAL_CLAUSE);
    Optional<AdverbialClause> adverbialClause = withClause
        ? Optional.of(new AdverbialClause(pick(CONJUNCTIONS), clause(true, false)))
        : Optional.empty();
    Optional<Adverb> adverb = chance(ADVERB) ? Optional.of(pick(Lexicon.ADVERBS)) : Optional.empty();

    // An adverb after a "that" clause would read as part of it, so there the adverb always comes first.
    Fronted fronted = Fronted.NOTHING;
    if (adverbialClause.isPresent() && chance(CLAUSE_FRONTED)) {
      fronted = Fronted.CLAUSE;
    } else if (adverb.isPresent() && !question && (main.complement().isPresent() || chance(ADVERB_FRONTED))) {
      fronted = Fronted.ADVERB;
    }
    return new Sentence(mood, main, adverbialClause, adverb, fronted);
  }

  /** One clause; a "that" clause holds only a simple clause, so nesting stays one level deep. */
  private Clause clause(boolean mayNegate, boolean mayTakeClause) {
    Frame frame = pick(FRAMES);
    while (frame == Frame.CLAUSE_OBJECT && !mayTakeClause) {
      frame = pick(FRAMES);
    }
    Nominal subject = chance(SUBJECT_PRONOUN) ? pick(PRONOUNS) : nounPhrase();
    Tense tense = chance(PAST) ? Tense.PAST : Tense.PRESENT;
    boolean negated = mayNegate && chance(NEGATED);
    Optional<PrepositionalPhrase> place = chance(PLACE) ? Optional.of(place()) : Optional.empty();

    return switch (frame) {
      case ACCUSATIVE_OBJECT, DATIVE_OBJECT -> {
        Verb verb = pick(frame == Frame.DATIVE_OBJECT ? DATIVE_VERBS : ACCUSATIVE_VERBS);
        // Only third-person subjects get a pronoun object, which avoids reflexives like "I see me".
        Nominal object = subject instanceof NounPhrase && chance(OBJECT_PRONOUN)
            ? pick(PRONOUNS) : nounPhrase();
        yield new Clause(subject, verb, tense, negated, Optional.of(object), Optional.empty(), place,
            Optional.empty());
      }
      case INTRANSITIVE -> new Clause(subject, pick(INTRANSITIVE_VERBS), tense, negated, Optional.empty(),
          Optional.empty(), place, Optional.empty());
      case COPULA -> {
        // "be" needs something after it: an adjective, a place, or both.
        boolean withAdjective = place.isEmpty() || chance(COPULA_ADJECTIVE);
        Optional<Adjective> adjective = withAdjective ? Optional.of(pick(Lexicon.ADJECTIVES)) : Optional.empty();
        yield new Clause(subject, Lexicon.COPULA, tense, negated, Optional.empty(), adjective, place,
            Optional.empty());
      }
      case CLAUSE_OBJECT -> new Clause(subject, pick(Lexicon.CLAUSE_VERBS), tense, negated, Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.of(clause(true, false)));
    };
  }

  private PrepositionalPhrase place() {
    Nominal object = chance(OBJECT_PRONOUN) ? pick(PRONOUNS) : nounPhrase();
    return new PrepositionalPhrase(pick(Lexicon.PREPOSITIONS), object);
  }

  private NounPhrase nounPhrase() {
    Noun head = pick(Lexicon.NOUNS);
    Optional<Noun> modifier = Optional.empty();
    if (chance(COMPOUND)) {
      Noun candidate = pick(COMPOUND_MODIFIERS);
      modifier = candidate.equals(head) ? Optional.empty() : Optional.of(candidate);
    }
    Optional<Adjective> adjective = chance(ADJECTIVE) ? Optional.of(pick(Lexicon.ADJECTIVES)) : Optional.empty();
    return new NounPhrase(pick(DETERMINERS), adjective, modifier, head, chance(PLURAL));
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static List<Verb> withFrame(Frame frame) {
    return Lexicon.ACTION_VERBS.stream().filter(verb -> verb.frame() == frame).toList();
  }
}
