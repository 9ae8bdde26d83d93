package io.g2lstm.prep.demo;

/** Grammatical gender of a target-language noun; source nouns have none, so it must be learnt per word. */
enum Gender {
  MASCULINE,
  FEMININE,
  NEUTER
}
