package io.g2lstm.prep.demo;

import java.util.Optional;

/**
 * Determiner, optional adjective, optional compound modifier and head noun: "the old kitchen tables", which
 * the target renders as one inflected article, one inflected adjective and one compound word.
 */
record NounPhrase(Determiner determiner, Optional<Adjective> adjective, Optional<Noun> modifier, Noun head,
    boolean plural) implements Nominal {

  @Override
  public Person person() {
    return plural ? Person.THIRD_PLURAL : Person.THIRD_SINGULAR;
  }
}
