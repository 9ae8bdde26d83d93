package io.g2lstm.prep.demo;

/** The target-language finite forms of a verb, by person, number and tense. */
record GermanVerb(String firstSingular, String thirdSingular, String plural, String pastSingular,
    String pastPlural) implements FiniteForms {

  /**
   * A weak verb from its stem: mach-e, mach-t, mach-en, mach-te, mach-ten, with a linking e after t, d, chn
   * or another consonant plus n (wart-e-t, zeichn-e-t, oeffn-e-te; but wohn-t, lern-t).
   */
  static GermanVerb weak(String stem) {
    String linked = needsLinkingE(stem) ? stem + "e" : stem;
    return new GermanVerb(stem + "e", linked + "t", stem + "en", linked + "te", linked + "ten");
  }

  /** A strong or mixed verb from its infinitive and the two forms that cannot be predicted. */
  static GermanVerb strong(String infinitive, String thirdSingular, String pastSingular) {
    String firstSingular = infinitive.substring(0, infinitive.length() - 1);
    String pastPlural = pastSingular + (pastSingular.endsWith("e") ? "n" : "en");
    return new GermanVerb(firstSingular, thirdSingular, infinitive, pastSingular, pastPlural);
  }

  private static boolean needsLinkingE(String stem) {
    if (stem.endsWith("t") || stem.endsWith("d")) {
      return true;
    }
    int length = stem.length();
    return stem.endsWith("chn")
        || stem.endsWith("n") && length > 1 && "aeioulrhnm".indexOf(stem.charAt(length - 2)) < 0;
  }
}
