package io.g2lstm.prep.demo;

/** The source-language forms of a verb: the bare form (after do-support) and the finite forms. */
record EnglishVerb(String base, String firstSingular, String thirdSingular, String plural,
    String pastSingular, String pastPlural) implements FiniteForms {

  static EnglishVerb regular(String base) {
    return withPast(base, EnglishSpelling.withEd(base));
  }

  /** A verb with an irregular past (saw, thought) but a regular present. */
  static EnglishVerb withPast(String base, String past) {
    return new EnglishVerb(base, base, EnglishSpelling.withS(base), base, past, past);
  }
}
