package io.g2lstm.prep.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.prep.corpus.TextPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public contract: determinism, sentence shape and the split files. */
class SyntheticCorpusTest {

  /** Letters, single spaces, and commas or a final mark attached to the word before them. */
  private static final String SENTENCE_PATTERN = "[A-Z][a-z]*(,? [A-Za-z]+)*[.!?]";

  @Test
  void sameSeedGivesTheSameCorpus() {
    assertEquals(new SyntheticCorpus(7).generate(500), new SyntheticCorpus(7).generate(500));
  }

  @Test
  void differentSeedsGiveDifferentCorpora() {
    List<TextPair> first = new SyntheticCorpus(7).generate(500);
    List<TextPair> second = new SyntheticCorpus(8).generate(500);
    assertNotEquals(first, second);
    Set<TextPair> shared = new HashSet<>(first);
    shared.retainAll(second);
    assertTrue(shared.size() < 50, "corpora of different seeds share " + shared.size() + " of 500 pairs");
  }

  @Test
  void shorterCorpusIsAPrefixOfALongerOne() {
    SyntheticCorpus corpus = new SyntheticCorpus(3);
    assertEquals(corpus.generate(200), corpus.generate(700).subList(0, 200));
  }

  @Test
  void sentencesAreDistinctWellFormedAndWithinTheLengthBounds() {
    List<TextPair> pairs = new SyntheticCorpus(11).generate(5000);
    assertEquals(5000, pairs.size());
    assertEquals(5000, pairs.stream().map(TextPair::source).distinct().count());
    for (TextPair pair : pairs) {
      for (String side : List.of(pair.source(), pair.target())) {
        assertTrue(side.matches(SENTENCE_PATTERN), "malformed sentence: " + side);
        int words = SyntheticCorpus.wordCount(side);
        assertTrue(words >= SyntheticCorpus.MIN_WORDS && words <= SyntheticCorpus.MAX_WORDS,
            words + " words: " + side);
      }
      assertEquals(lastChar(pair.source()), lastChar(pair.target()), pair.toString());
    }
  }

  @Test
  void lengthsSpreadOverTheRangeWithShortSentencesMostCommon() {
    List<TextPair> pairs = new SyntheticCorpus(5).generate(5000);
    double meanSource = meanWords(pairs.stream().map(TextPair::source));
    double meanTarget = meanWords(pairs.stream().map(TextPair::target));
    assertTrue(meanSource > 6 && meanSource < 10, "mean source length " + meanSource);
    assertTrue(meanTarget > 6 && meanTarget < 10, "mean target length " + meanTarget);
    assertTrue(pairs.stream().anyMatch(p -> SyntheticCorpus.wordCount(p.source()) >= 18), "no long sentence");
  }

  @Test
  void rejectsNegativeCounts() {
    SyntheticCorpus corpus = new SyntheticCorpus(1);
    assertThrows(IllegalArgumentException.class, () -> corpus.generate(-1));
    assertThrows(IllegalArgumentException.class, () -> corpus.writeSplits(Path.of("unused"), 1, -1, 1));
  }

  @Test
  void splitsAreParallelDisjointAndComplete(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("demo");
    new SyntheticCorpus(9).writeSplits(out, 800, 100, 150);

    assertEquals(Set.of("train.src", "train.tgt", "valid.src", "valid.tgt", "test.src", "test.tgt"),
        fileNames(out), "no temporary files may be left behind");
    assertSplit(out, "train", 800);
    assertSplit(out, "valid", 100);
    assertSplit(out, "test", 150);

    Set<String> train = new HashSet<>(lines(out.resolve("train.src")));
    Set<String> valid = new HashSet<>(lines(out.resolve("valid.src")));
    for (String testSource : lines(out.resolve("test.src"))) {
      assertTrue(!train.contains(testSource) && !valid.contains(testSource), "leaked: " + testSource);
    }
    assertTrue(valid.stream().noneMatch(train::contains), "a validation sentence is in train");

    List<TextPair> expected = new SyntheticCorpus(9).generate(1050);
    assertEquals(expected.get(0).source(), lines(out.resolve("train.src")).get(0));
    assertEquals(expected.get(1049).target(), lines(out.resolve("test.tgt")).get(149));
  }

  @Test
  void writingAgainReplacesTheFiles(@TempDir Path dir) throws IOException {
    new SyntheticCorpus(1).writeSplits(dir, 50, 5, 5);
    new SyntheticCorpus(2).writeSplits(dir, 20, 2, 3);
    assertSplit(dir, "train", 20);
    assertSplit(dir, "test", 3);
    assertEquals(6, fileNames(dir).size());
  }

  private static void assertSplit(Path dir, String split, int pairs) throws IOException {
    for (String suffix : List.of(".src", ".tgt")) {
      String text = Files.readString(dir.resolve(split + suffix), StandardCharsets.UTF_8);
      assertTrue(text.endsWith("\n") && !text.contains("\r"), split + suffix + " has unusual line ends");
      assertEquals(pairs, lines(dir.resolve(split + suffix)).size(), split + suffix);
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private static Set<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private static double meanWords(Stream<String> sentences) {
    return sentences.mapToInt(SyntheticCorpus::wordCount).average().orElseThrow();
  }

  private static char lastChar(String text) {
    return text.charAt(text.length() - 1);
  }
}
