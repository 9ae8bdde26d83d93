package io.g2lstm.prep.demo;

/**
 * The determiners of a noun phrase. One source word maps to up to four target articles (by gender, number and
 * case), and the determiner also decides which adjective endings follow it.
 */
enum Determiner {
  DEFINITE("the", "the",
      Declension.of("der die das die", "den die das die", "dem der dem den"), Endings.WEAK),
  INDEFINITE("a", "some",
      Declension.of("ein eine ein einige", "einen eine ein einige", "einem einer einem einigen"),
      Endings.INDEFINITE),
  MY("my", "my",
      Declension.of("mein meine mein meine", "meinen meine mein meine", "meinem meiner meinem meinen"),
      Endings.MIXED),
  OUR("our", "our",
      Declension.of("unser unsere unser unsere", "unseren unsere unser unsere",
          "unserem unserer unserem unseren"),
      Endings.MIXED),
  DEMONSTRATIVE("this", "these",
      Declension.of("dieser diese dieses diese", "diesen diese dieses diese", "diesem dieser diesem diesen"),
      Endings.WEAK);

  private final String englishSingular;
  private final String englishPlural;
  private final Declension germanArticles;
  private final Declension adjectiveEndings;

  Determiner(String englishSingular, String englishPlural, Declension germanArticles,
      Declension adjectiveEndings) {
    this.englishSingular = englishSingular;
    this.englishPlural = englishPlural;
    this.germanArticles = germanArticles;
    this.adjectiveEndings = adjectiveEndings;
  }

  String english(boolean plural) {
    return plural ? englishPlural : englishSingular;
  }

  String germanArticle(GrammaticalCase grammaticalCase, Gender gender, boolean plural) {
    return germanArticles.form(grammaticalCase, gender, plural);
  }

  String adjectiveEnding(GrammaticalCase grammaticalCase, Gender gender, boolean plural) {
    return adjectiveEndings.form(grammaticalCase, gender, plural);
  }

  /** Adjective endings; a holder class because enum constants cannot use the enum's own static fields. */
  private static final class Endings {
    /** After der and dieser. */
    static final Declension WEAK = Declension.of("e e e en", "en e e en", "en en en en");
    /** After mein and unser: strong where the article has no ending of its own. */
    static final Declension MIXED = Declension.of("er e es en", "en e es en", "en en en en");
    /** After ein, and strong plural endings after einige. */
    static final Declension INDEFINITE = Declension.of("er e es e", "en e es e", "en en en en");
  }
}
