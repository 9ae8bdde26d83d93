package io.g2lstm.prep.demo;

/** An adjective: uninflected in the source, inflected for agreement in the target unless predicative. */
record Adjective(String english, String german) {}
