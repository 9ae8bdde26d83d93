package io.g2lstm.prep.demo;

/** A subordinate clause introduced by a conjunction; the target makes it verb-final. */
record AdverbialClause(Conjunction conjunction, Clause clause) {}
