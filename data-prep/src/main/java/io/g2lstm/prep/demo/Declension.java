package io.g2lstm.prep.demo;

import java.util.List;

/**
 * A paradigm of target-language forms (or endings) by case, gender and number: the agreement tables of
 * articles and adjectives.
 */
record Declension(List<List<String>> formsByCase) {

  /**
   * Builds a table from one row per case, each row four space-separated forms: masculine, feminine, neuter,
   * plural.
   */
  static Declension of(String nominative, String accusative, String dative) {
    return new Declension(List.of(row(nominative), row(accusative), row(dative)));
  }

  String form(GrammaticalCase grammaticalCase, Gender gender, boolean plural) {
    return formsByCase.get(grammaticalCase.ordinal()).get(plural ? 3 : gender.ordinal());
  }

  private static List<String> row(String forms) {
    List<String> row = List.of(forms.split(" "));
    if (row.size() != 4) {
      throw new IllegalArgumentException("expected 4 forms, found " + row.size() + " in '" + forms + "'");
    }
    return row;
  }
}
