package io.g2lstm.prep.demo;

/** A preposition and the case it governs in the target language. */
record Preposition(String english, String german, GrammaticalCase governs) {}
