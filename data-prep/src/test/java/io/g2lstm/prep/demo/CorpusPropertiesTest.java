package io.g2lstm.prep.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.prep.corpus.TextPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Properties of a whole generated corpus: one translation per sentence, agreement, reordering, vocabulary. */
class CorpusPropertiesTest {

  private static final Set<String> MARKS = Set.of(",", ".", "!", "?");
  private static final Set<String> ENGLISH_DETERMINERS =
      Set.of("the", "a", "an", "some", "my", "our", "this", "these");
  private static final Set<String> GERMAN_CONJUNCTIONS =
      Set.of("dass", "weil", "obwohl", "waehrend", "bevor", "wenn", "als");
  private static final Set<String> ENGLISH_FINITE_VERBS = englishFiniteVerbs();
  private static final Set<String> GERMAN_FINITE_VERBS = germanFiniteVerbs();
  private static final List<TextPair> CORPUS = new SyntheticCorpus(2024).generate(10_000);

  @Test
  void everySourceSentenceHasExactlyOneTranslation() {
    SentenceSampler sampler = new SentenceSampler(new SplittableRandom(99));
    Map<String, String> translations = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      TextPair pair = SyntheticCorpus.translate(sampler.next());
      String earlier = translations.putIfAbsent(pair.source(), pair.target());
      assertTrue(earlier == null || earlier.equals(pair.target()),
          pair.source() + " has two translations: " + earlier + " / " + pair.target());
    }
  }

  @Test
  void subjectNounPhrasesTranslateConsistentlyAndKeepNumberApart() {
    Map<String, String> subjects = new HashMap<>();
    for (TextPair pair : CORPUS) {
      List<String> source = tokens(pair.source());
      if (!ENGLISH_DETERMINERS.contains(source.get(0)) || pair.source().endsWith("?")) {
        continue;
      }
      String sourceSubject = String.join(" ", upTo(source, ENGLISH_FINITE_VERBS));
      String targetSubject = String.join(" ", upTo(tokens(pair.target()), GERMAN_FINITE_VERBS));
      String earlier = subjects.putIfAbsent(sourceSubject, targetSubject);
      assertTrue(earlier == null || earlier.equals(targetSubject),
          "'" + sourceSubject + "' became '" + earlier + "' and '" + targetSubject + "'");
    }
    assertTrue(subjects.size() > 1000, subjects.size() + " distinct subjects");
    // Distinct source phrases (e.g. "the teacher", "the teachers") never share a target phrase.
    assertEquals(subjects.size(), new HashSet<>(subjects.values()).size());
  }

  @Test
  void oneSourceArticleBecomesSeveralTargetArticles() {
    Map<String, Set<String>> articles = new HashMap<>();
    for (TextPair pair : CORPUS) {
      String first = tokens(pair.source()).get(0);
      if (ENGLISH_DETERMINERS.contains(first)) {
        articles.computeIfAbsent(first, key -> new HashSet<>()).add(tokens(pair.target()).get(0));
      }
    }
    assertEquals(Set.of("der", "die", "das"), articles.get("the"));
    assertEquals(Set.of("ein", "eine"), articles.get("a"));
    assertEquals(Set.of("dieser", "diese", "dieses"), articles.get("this"));
  }

  @Test
  void subordinateClausesEndWithTheirVerb() {
    int withSubordinate = 0;
    for (TextPair pair : CORPUS) {
      List<String> target = tokens(pair.target());
      boolean found = false;
      for (int i = 0; i < target.size(); i++) {
        if (GERMAN_CONJUNCTIONS.contains(target.get(i))) {
          found = true;
          int end = i + 1;
          while (!MARKS.contains(target.get(end))) {
            end++;
          }
          String last = target.get(end - 1);
          assertTrue(GERMAN_FINITE_VERBS.contains(last), "subordinate clause ends with '" + last + "': " + pair);
        }
      }
      withSubordinate += found ? 1 : 0;
    }
    assertTrue(withSubordinate > CORPUS.size() / 5, withSubordinate + " pairs with a subordinate clause");
  }

  @Test
  void frontedAdverbsAndQuestionsPutTheVerbBeforeTheSubject() {
    int fronted = 0;
    int questions = 0;
    for (TextPair pair : CORPUS) {
      List<String> source = tokens(pair.source());
      List<String> target = tokens(pair.target());
      if (source.get(1).equals(",") && Lexicon.ADVERBS.stream().anyMatch(a -> a.english().equals(source.get(0)))) {
        fronted++;
        assertTrue(GERMAN_FINITE_VERBS.contains(target.get(1)), "no verb second: " + pair);
      }
      if (pair.source().endsWith("?")) {
        questions++;
        assertTrue(GERMAN_FINITE_VERBS.contains(target.get(0)), "no verb first: " + pair);
      }
    }
    assertTrue(fronted > CORPUS.size() / 20, fronted + " sentences with a fronted adverb");
    assertTrue(questions > CORPUS.size() / 20, questions + " questions");
  }

  @Test
  void vocabularyIsSmallButTheTargetHasManyMoreForms() {
    int contentStems = Lexicon.NOUNS.size() + Lexicon.ADJECTIVES.size() + Lexicon.ACTION_VERBS.size()
        + Lexicon.CLAUSE_VERBS.size() + Lexicon.PREPOSITIONS.size() + Lexicon.ADVERBS.size();
    assertTrue(contentStems >= 150 && contentStems <= 300, contentStems + " content stems");

    Set<String> sourceTypes = new HashSet<>();
    Set<String> targetTypes = new HashSet<>();
    for (TextPair pair : CORPUS) {
      sourceTypes.addAll(tokens(pair.source()));
      targetTypes.addAll(tokens(pair.target()));
    }
    assertTrue(sourceTypes.size() >= 250 && sourceTypes.size() <= 600, sourceTypes.size() + " source types");
    // Inflection and compounds multiply the target forms: the work left to subword segmentation.
    assertTrue(targetTypes.size() > 3 * sourceTypes.size(),
        targetTypes.size() + " target types for " + sourceTypes.size() + " source types");
  }

  /** Words and punctuation marks as separate tokens, with the sentence-initial capital undone. */
  private static List<String> tokens(String sentence) {
    List<String> tokens = new ArrayList<>();
    for (String word : sentence.split(" ")) {
      String last = word.substring(word.length() - 1);
      if (MARKS.contains(last)) {
        tokens.add(word.substring(0, word.length() - 1));
        tokens.add(last);
      } else {
        tokens.add(word);
      }
    }
    tokens.set(0, tokens.get(0).toLowerCase(Locale.ROOT));
    return tokens;
  }

  private static List<String> upTo(List<String> tokens, Set<String> stops) {
    int end = 0;
    while (!stops.contains(tokens.get(end))) {
      end++;
    }
    return tokens.subList(0, end);
  }

  private static Set<String> englishFiniteVerbs() {
    Set<String> forms = new HashSet<>();
    Stream.concat(verbs().map(Verb::english), Stream.of(Lexicon.DO))
        .forEach(verb -> forms.addAll(List.of(verb.firstSingular(), verb.thirdSingular(), verb.plural(),
            verb.pastSingular(), verb.pastPlural())));
    return forms;
  }

  private static Set<String> germanFiniteVerbs() {
    Set<String> forms = new HashSet<>();
    verbs().map(Verb::german)
        .forEach(verb -> forms.addAll(List.of(verb.firstSingular(), verb.thirdSingular(), verb.plural(),
            verb.pastSingular(), verb.pastPlural())));
    return forms;
  }

  private static Stream<Verb> verbs() {
    return Stream.of(Lexicon.ACTION_VERBS, Lexicon.CLAUSE_VERBS, List.of(Lexicon.COPULA)).flatMap(List::stream);
  }
}
