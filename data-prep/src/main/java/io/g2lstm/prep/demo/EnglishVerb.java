package io.g2lstm.prep.demo;

/** The source-language forms of a verb: the bare form (after do-support) and the finite forms. */
record EnglishVerb(String base, String firstSingular, String thirdSingular, String plural,
    String pastSingular, String pastPlural) {

  static EnglishVerb regular(String base) {
    return withPast(base, EnglishSpelling.withEd(base));
  }

  /** A verb with an irregular past (saw, thought) but a regular present. */
  static EnglishVerb withPast(String base, String past) {
    return new EnglishVerb(base, base, EnglishSpelling.withS(base), base, past, past);
  }

  String finite(Person person, Tense tense) {
    if (tense == Tense.PAST) {
      return person.plural() ? pastPlural : pastSingular;
    }
    return switch (person) {
      case FIRST_SINGULAR -> firstSingular;
      case THIRD_SINGULAR -> thirdSingular;
      case FIRST_PLURAL, THIRD_PLURAL -> plural;
    };
  }
}
