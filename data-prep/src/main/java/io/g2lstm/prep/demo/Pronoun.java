package io.g2lstm.prep.demo;

/** First-person pronouns: "me" becomes "mich" or "mir", by the case its verb or preposition governs. */
enum Pronoun implements Nominal {
  SPEAKER(Person.FIRST_SINGULAR, "I", "me", "ich", "mich", "mir"),
  SPEAKERS(Person.FIRST_PLURAL, "we", "us", "wir", "uns", "uns");

  private final Person person;
  private final String englishSubject;
  private final String englishObject;
  private final String germanNominative;
  private final String germanAccusative;
  private final String germanDative;

  Pronoun(Person person, String englishSubject, String englishObject, String germanNominative,
      String germanAccusative, String germanDative) {
    this.person = person;
    this.englishSubject = englishSubject;
    this.englishObject = englishObject;
    this.germanNominative = germanNominative;
    this.germanAccusative = germanAccusative;
    this.germanDative = germanDative;
  }

  @Override
  public Person person() {
    return person;
  }

  String english(GrammaticalCase grammaticalCase) {
    return grammaticalCase == GrammaticalCase.NOMINATIVE ? englishSubject : englishObject;
  }

  String german(GrammaticalCase grammaticalCase) {
    return switch (grammaticalCase) {
      case NOMINATIVE -> germanNominative;
      case ACCUSATIVE -> germanAccusative;
      case DATIVE -> germanDative;
    };
  }
}
