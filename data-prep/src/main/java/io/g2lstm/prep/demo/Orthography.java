package io.g2lstm.prep.demo;

import java.util.List;

/** Turns a list of words and punctuation marks into written text, as in untokenized corpora. */
final class Orthography {

  private Orthography() {}

  /** Attaches commas and final marks to the word before them and capitalizes the first letter. */
  static String sentence(List<String> words) {
    StringBuilder text = new StringBuilder();
    for (String word : words) {
      if (text.length() > 0 && !isPunctuation(word)) {
        text.append(' ');
      }
      text.append(word);
    }
    text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
    return text.toString();
  }

  private static boolean isPunctuation(String word) {
    return word.equals(",") || word.equals(".") || word.equals("!") || word.equals("?");
  }
}
