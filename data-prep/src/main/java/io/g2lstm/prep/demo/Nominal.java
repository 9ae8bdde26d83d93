package io.g2lstm.prep.demo;

/** Something that can fill a subject or object slot: a noun phrase or a pronoun. */
sealed interface Nominal permits NounPhrase, Pronoun {

  /** The person and number a finite verb agrees with when this is the subject. */
  Person person();
}
