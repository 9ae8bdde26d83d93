package io.g2lstm.prep.demo;

/** A time or frequency adverb; fronting it makes the target clause put its verb before the subject. */
record Adverb(String english, String german) {}
