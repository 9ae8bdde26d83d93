package io.g2lstm.prep.demo;

/** Simple present or simple past, marked on the finite verb in both languages. */
enum Tense {
  PRESENT,
  PAST
}
