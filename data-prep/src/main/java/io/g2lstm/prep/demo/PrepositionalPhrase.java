package io.g2lstm.prep.demo;

/** A preposition and its object, whose target case the preposition decides. */
record PrepositionalPhrase(Preposition preposition, Nominal object) {}
