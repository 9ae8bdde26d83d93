package io.g2lstm.prep.demo;

/** Subordinating conjunctions; "when" becomes "wenn" in the present and "als" in the past. */
enum Conjunction {
  BECAUSE("because", "weil", "weil"),
  ALTHOUGH("although", "obwohl", "obwohl"),
  WHILE("while", "waehrend", "waehrend"),
  BEFORE("before", "bevor", "bevor"),
  WHEN("when", "wenn", "als");

  private final String english;
  private final String germanPresent;
  private final String germanPast;

  Conjunction(String english, String germanPresent, String germanPast) {
    this.english = english;
    this.germanPresent = germanPresent;
    this.germanPast = germanPast;
  }

  String english() {
    return english;
  }

  String german(Tense tense) {
    return tense == Tense.PAST ? germanPast : germanPresent;
  }
}
