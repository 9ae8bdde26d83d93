package io.g2lstm.prep.demo;

/** The regular English spelling rules for -s and -ed, so the lexicon lists only the exceptions. */
final class EnglishSpelling {

  private EnglishSpelling() {}

  /** Plural nouns and third-person verbs: dog-s, watch-es, carr-ies. */
  static String withS(String word) {
    if (word.endsWith("s") || word.endsWith("sh") || word.endsWith("ch") || word.endsWith("x")
        || word.endsWith("z") || word.endsWith("o")) {
      return word + "es";
    }
    return endsInConsonantY(word) ? stem(word) + "ies" : word + "s";
  }

  /** Simple past of a regular verb: visit-ed, hope-d, carr-ied. */
  static String withEd(String word) {
    if (word.endsWith("e")) {
      return word + "d";
    }
    return endsInConsonantY(word) ? stem(word) + "ied" : word + "ed";
  }

  /** "a" before a consonant, "an" before a vowel letter (the lexicon avoids words where the two disagree). */
  static String indefiniteArticle(String nextWord) {
    return "aeiou".indexOf(nextWord.charAt(0)) >= 0 ? "an" : "a";
  }

  private static boolean endsInConsonantY(String word) {
    return word.length() > 1 && word.endsWith("y") && "aeiou".indexOf(word.charAt(word.length() - 2)) < 0;
  }

  private static String stem(String word) {
    return word.substring(0, word.length() - 1);
  }
}
