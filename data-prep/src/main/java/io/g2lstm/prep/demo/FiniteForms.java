package io.g2lstm.prep.demo;

/** The five finite forms a verb of either toy language has, and which one a person and tense take. */
interface FiniteForms {

  String firstSingular();

  String thirdSingular();

  String plural();

  String pastSingular();

  String pastPlural();

  default String finite(Person person, Tense tense) {
    if (tense == Tense.PAST) {
      return person.plural() ? pastPlural() : pastSingular();
    }
    return switch (person) {
      case FIRST_SINGULAR -> firstSingular();
      case THIRD_SINGULAR -> thirdSingular();
      case FIRST_PLURAL, THIRD_PLURAL -> plural();
    };
  }
}
