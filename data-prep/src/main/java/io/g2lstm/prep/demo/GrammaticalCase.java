package io.g2lstm.prep.demo;

/** The three target-language cases: subjects, direct objects, and dative objects or prepositions. */
enum GrammaticalCase {
  NOMINATIVE,
  ACCUSATIVE,
  DATIVE
}
