package io.g2lstm.prep.demo;

/** Person and number of a subject, which the finite verb agrees with in both languages. */
enum Person {
  FIRST_SINGULAR,
  FIRST_PLURAL,
  THIRD_SINGULAR,
  THIRD_PLURAL;

  boolean plural() {
    return this == FIRST_PLURAL || this == THIRD_PLURAL;
  }
}
