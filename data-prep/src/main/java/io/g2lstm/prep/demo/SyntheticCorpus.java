package io.g2lstm.prep.demo;

import io.g2lstm.common.TextFiles;
import io.g2lstm.prep.corpus.TextPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A seeded synthetic parallel corpus, so that the demo and the convergence test need no downloaded data.
 *
 * <p>The source is "Toy English" (SVO, do-support, plural -s, past -ed); the target is "Toy German" (ASCII
 * only), with articles, adjectives and nouns inflected for gender, number and case, compound nouns, the verb
 * second after a fronted adverb or clause, first in questions and last in subordinate clauses, and "nicht" at
 * the end of the clause. Every source sentence has exactly one translation, so a model can learn the mapping
 * exactly. Sentences have {@value #MIN_WORDS} to {@value #MAX_WORDS} words on each side and are raw text:
 * punctuation is attached to the words, for a Moses-style tokenizer to split off.
 */
public final class SyntheticCorpus {

  /** Language code of the source side, for tokenizer rules. */
  public static final String SOURCE_LANGUAGE = "en";
  /** Language code of the target side, for tokenizer rules. */
  public static final String TARGET_LANGUAGE = "de";
  /** Fewest whitespace-separated words in a sentence, on either side. */
  public static final int MIN_WORDS = 3;
  /** Most whitespace-separated words in a sentence, on either side. */
  public static final int MAX_WORDS = 20;

  private static final String SOURCE_SUFFIX = ".src";
  private static final String TARGET_SUFFIX = ".tgt";
  /** Far more draws than any reachable corpus size needs; only a bug in the grammar exhausts it. */
  private static final int DRAWS_PER_PAIR = 50;

  private final long seed;

  public SyntheticCorpus(long seed) {
    this.seed = seed;
  }

  /**
   * Generates {@code count} pairs with pairwise distinct source sentences. The result depends only on the seed
   * and the count, and {@code generate(n)} is a prefix of {@code generate(m)} for {@code n <= m}.
   */
  public List<TextPair> generate(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be at least 0, found " + count);
    }
    SentenceSampler sampler = new SentenceSampler(new SplittableRandom(seed));
    List<TextPair> pairs = new ArrayList<>(count);
    Set<String> sources = new HashSet<>();
    long drawsLeft = (long) DRAWS_PER_PAIR * count + 1000;
    while (pairs.size() < count) {
      if (drawsLeft-- == 0) {
        throw new IllegalStateException("found only " + pairs.size() + " distinct sentences, expected " + count);
      }
      TextPair pair = translate(sampler.next());
      if (withinLength(pair) && sources.add(pair.source())) {
        pairs.add(pair);
      }
    }
    return pairs;
  }

  /**
   * Writes {@code train.src}, {@code train.tgt}, {@code valid.src}, {@code valid.tgt}, {@code test.src} and
   * {@code test.tgt} into {@code dir} (created if absent): UTF-8, one sentence per line. The splits are
   * consecutive slices of {@link #generate}, so no source sentence appears in two of them. Each file is
   * written under a temporary name and then renamed, so readers never see a partial file.
   */
  public void writeSplits(Path dir, int train, int valid, int test) throws IOException {
    if (train < 0 || valid < 0 || test < 0) {
      throw new IllegalArgumentException(
          "split sizes must be at least 0, found train=" + train + " valid=" + valid + " test=" + test);
    }
    List<TextPair> pairs = generate(Math.addExact(Math.addExact(train, valid), test));
    Files.createDirectories(dir);
    writeSplit(dir, "train", pairs.subList(0, train));
    writeSplit(dir, "valid", pairs.subList(train, train + valid));
    writeSplit(dir, "test", pairs.subList(train + valid, pairs.size()));
  }

  /** Realizes one sentence tree in both languages. */
  static TextPair translate(Sentence sentence) {
    return new TextPair(EnglishRealizer.realize(sentence), GermanRealizer.realize(sentence));
  }

  static int wordCount(String sentence) {
    return sentence.split(" ").length;
  }

  private static boolean withinLength(TextPair pair) {
    int sourceWords = wordCount(pair.source());
    int targetWords = wordCount(pair.target());
    return sourceWords >= MIN_WORDS && sourceWords <= MAX_WORDS
        && targetWords >= MIN_WORDS && targetWords <= MAX_WORDS;
  }

  private static void writeSplit(Path dir, String split, List<TextPair> pairs) throws IOException {
    writeLines(dir.resolve(split + SOURCE_SUFFIX), pairs, TextPair::source);
    writeLines(dir.resolve(split + TARGET_SUFFIX), pairs, TextPair::target);
  }

  private static void writeLines(Path file, List<TextPair> pairs, Function<TextPair, String> side) {
    TextFiles.write(file, out -> {
      for (TextPair pair : pairs) {
        out.write(side.apply(pair));
        out.write('\n');
      }
    });
  }
}
