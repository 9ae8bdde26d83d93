package io.g2lstm.prep.demo;

import java.util.Optional;

/**
 * A noun of the lexicon. The target side has a gender, an unpredictable plural and, for some nouns, a form
 * used as the first part of a compound (Kueche: Kuechentisch).
 */
record Noun(String english, String englishPlural, String german, Gender gender, String germanPlural,
    Optional<String> compoundForm) {

  static Noun of(String english, String german, Gender gender, String germanPlural) {
    return new Noun(english, EnglishSpelling.withS(english), german, gender, germanPlural, Optional.empty());
  }

  Noun withEnglishPlural(String plural) {
    return new Noun(english, plural, german, gender, germanPlural, compoundForm);
  }

  Noun compoundingAs(String form) {
    return new Noun(english, englishPlural, german, gender, germanPlural, Optional.of(form));
  }

  String english(boolean plural) {
    return plural ? englishPlural : english;
  }

  /** The inflected target form: plurals take an extra -n in the dative unless they end in n or s. */
  String german(boolean plural, GrammaticalCase grammaticalCase) {
    if (!plural) {
      return german;
    }
    boolean extraN = grammaticalCase == GrammaticalCase.DATIVE
        && !germanPlural.endsWith("n") && !germanPlural.endsWith("s");
    return extraN ? germanPlural + "n" : germanPlural;
  }
}
