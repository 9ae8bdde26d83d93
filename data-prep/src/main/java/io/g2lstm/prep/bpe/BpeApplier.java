package io.g2lstm.prep.bpe;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segments text with BPE codes, with output byte-identical to subword-nmt's {@code apply_bpe}: merges applied
 * by rank, a separator ({@code @@} by default) after every non-final subword, leading and trailing whitespace
 * kept as {@code process_line} keeps it, optionally a vocabulary filter that undoes merges producing rare
 * subwords ({@code --vocabulary} with {@code --vocabulary-threshold}) and glossaries that are never split.
 *
 * <p>Not thread-safe: each instance caches the segmentation of every word it has seen, which is what makes it
 * fast. Use one instance per thread or Spark partition.
 */
public final class BpeApplier {

  /** subword-nmt's default separator. */
  public static final String DEFAULT_SEPARATOR = "@@";

  private static final String END_OF_WORD = MergeLearning.END_OF_WORD;
  private static final int REGEX_FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;

  private final SymbolTable symbols = new SymbolTable();
  private final LongIntHashMap rankOfPair;
  private final int[] leftOfRank;
  private final int[] rightOfRank;
  private final int[] mergedOfRank;
  // subword-nmt's bpe_codes_reverse: the merge that undoes a symbol.
  private final Map<String, BpeCodes.Merge> mergeProducing = new HashMap<>();
  private final String separator;
  private final Set<String> vocabulary;
  private final List<Glossary> glossaries;
  private final Pattern glossaryWord;
  private final Map<String, String> cache = new HashMap<>();

  /** One glossary regex, compiled in the three forms that {@code isolate_glossary} uses. */
  private record Glossary(Pattern anywhere, Pattern wholeWord, Pattern captured) {

    static Glossary of(String regex) {
      return new Glossary(Pattern.compile(regex, REGEX_FLAGS), Pattern.compile("^" + regex + "$", REGEX_FLAGS),
          Pattern.compile("(" + regex + ")", REGEX_FLAGS));
    }
  }

  private BpeApplier(BpeCodes codes, String separator, Set<String> vocabulary, List<String> glossaryRegexes) {
    this.separator = separator;
    // An empty vocabulary disables the filter, as in subword-nmt ("if vocab:").
    this.vocabulary = vocabulary == null || vocabulary.isEmpty() ? null : Set.copyOf(vocabulary);
    List<BpeCodes.Merge> merges = codes.merges();
    int count = merges.size();
    rankOfPair = new LongIntHashMap(count);
    leftOfRank = new int[count];
    rightOfRank = new int[count];
    mergedOfRank = new int[count];
    for (int rank = 0; rank < count; rank++) {
      BpeCodes.Merge merge = merges.get(rank);
      leftOfRank[rank] = symbols.intern(merge.left());
      rightOfRank[rank] = symbols.intern(merge.right());
      mergedOfRank[rank] = symbols.intern(merge.left() + merge.right());
      // With duplicate merges, the first one's rank counts.
      rankOfPair.putIfAbsent(pairKey(leftOfRank[rank], rightOfRank[rank]), rank);
    }
    // Python builds this map from the codes in reverse order of their last occurrence, later entries winning.
    Set<BpeCodes.Merge> seen = new HashSet<>();
    for (int rank = count - 1; rank >= 0; rank--) {
      BpeCodes.Merge merge = merges.get(rank);
      if (seen.add(merge)) {
        mergeProducing.put(merge.left() + merge.right(), merge);
      }
    }
    glossaries = new ArrayList<>();
    for (String regex : glossaryRegexes) {
      glossaries.add(Glossary.of(regex));
    }
    glossaryWord = glossaryRegexes.isEmpty() ? null
        : Pattern.compile("^(" + String.join("|", glossaryRegexes) + ")$", REGEX_FLAGS);
  }

  /** Starts configuring an applier for {@code codes}. */
  public static Builder builder(BpeCodes codes) {
    return new Builder(codes);
  }

  /** An applier with the default separator, no vocabulary filter and no glossaries. */
  public static BpeApplier of(BpeCodes codes) {
    return builder(codes).build();
  }

  /** Options of {@link BpeApplier}, named after subword-nmt's. */
  public static final class Builder {

    private final BpeCodes codes;
    private String separator = DEFAULT_SEPARATOR;
    private Set<String> vocabulary;
    private List<String> glossaries = List.of();

    private Builder(BpeCodes codes) {
      this.codes = Objects.requireNonNull(codes, "codes");
    }

    /** The marker appended to every subword but a word's last ({@code -s}). */
    public Builder separator(String separator) {
      this.separator = Objects.requireNonNull(separator, "separator");
      return this;
    }

    /**
     * Subwords allowed in the output: merges that create any other subword are reverted
     * ({@code --vocabulary} with {@code --vocabulary-threshold}; see
     * {@link BpeVocabulary#tokensWithCountAtLeast(long)}). Null or empty means no filter.
     */
    public Builder vocabulary(Set<String> tokens) {
      this.vocabulary = tokens;
      return this;
    }

    /**
     * Words or regular expressions that are kept whole and split out of the words that contain them
     * ({@code --glossaries}). Java regex syntax, with Unicode character classes and only {@code \n} ending a line.
     */
    public Builder glossaries(List<String> regexes) {
      this.glossaries = List.copyOf(regexes);
      return this;
    }

    public BpeApplier build() {
      return new BpeApplier(codes, separator, vocabulary, glossaries);
    }
  }

  /**
   * Segments one line as {@code process_line} does: the words between the leading and trailing
   * {@code '\r\n '} characters, which are copied unchanged, are segmented and joined by single spaces.
   */
  public String apply(String line) {
    int length = line.length();
    int start = 0;
    while (start < length && PythonText.isStripChar(line.charAt(start))) {
      start++;
    }
    int end = length;
    while (end > start && PythonText.isStripChar(line.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(length + (length >> 1));
    out.append(line, 0, start);
    boolean firstWord = true;
    int wordStart = start;
    while (wordStart < end) {
      int space = line.indexOf(' ', wordStart);
      int wordEnd = space < 0 || space > end ? end : space;
      if (wordEnd > wordStart) {
        if (!firstWord) {
          out.append(' ');
        }
        out.append(segmentWord(line.substring(wordStart, wordEnd)));
        firstWord = false;
      }
      wordStart = wordEnd + 1;
    }
    out.append(line, end, length);
    return out.toString();
  }

  /**
   * Segments every line of {@code in} into {@code out}, lines broken as subword-nmt reads them
   * ({@code codecs}, i.e. Python's {@code str.splitlines}), terminators kept.
   */
  public void applyLines(Reader in, Writer out) throws IOException {
    PythonLineReader lines = new PythonLineReader(in, PythonLineReader.Mode.CODECS);
    String line;
    while ((line = lines.readLine()) != null) {
      out.write(apply(line));
    }
  }

  /** One word, segmented and rendered with separators, from the cache when seen before. */
  private String segmentWord(String word) {
    String segmented = cache.get(word);
    if (segmented == null) {
      StringBuilder rendered = new StringBuilder(word.length() + 8);
      boolean first = true;
      for (String part : isolateGlossaries(word)) {
        for (String subword : encode(part)) {
          if (!first) {
            rendered.append(separator).append(' ');
          }
          rendered.append(subword);
          first = false;
        }
      }
      segmented = rendered.toString();
      cache.put(word, segmented);
    }
    return segmented;
  }

  /** {@code encode}: applies merges in rank order, then the vocabulary filter. */
  private List<String> encode(String word) {
    if (glossaryWord != null && glossaryWord.matcher(word).lookingAt()) {
      return List.of(word);
    }
    int length = word.codePointCount(0, word.length());
    if (length <= 1) {
      return List.of(word);
    }
    int[] ids = new int[length];
    String[] strings = new String[length];
    int i = 0;
    for (int k = 0; k < length; k++) {
      int next = word.offsetByCodePoints(i, 1);
      strings[k] = k == length - 1 ? word.substring(i) + END_OF_WORD : word.substring(i, next);
      ids[k] = symbols.idOf(strings[k]);
      i = next;
    }
    int n = length;
    while (n > 1) {
      int bestRank = Integer.MAX_VALUE;
      for (int k = 0; k + 1 < n; k++) {
        if (ids[k] >= 0 && ids[k + 1] >= 0) {
          int rank = rankOfPair.get(pairKey(ids[k], ids[k + 1]), Integer.MAX_VALUE);
          bestRank = Math.min(bestRank, rank);
        }
      }
      if (bestRank == Integer.MAX_VALUE) {
        break;
      }
      n = mergeAll(ids, strings, n, bestRank);
    }
    List<String> subwords = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      subwords.add(strings[k]);
    }
    // Word-final symbols are printed without their end-of-word marker.
    String last = subwords.get(n - 1);
    if (last.equals(END_OF_WORD)) {
      subwords.remove(n - 1);
    } else if (last.endsWith(END_OF_WORD)) {
      subwords.set(n - 1, last.substring(0, last.length() - END_OF_WORD.length()));
    }
    return vocabulary == null || subwords.isEmpty() ? subwords : checkVocabularyAndSplit(subwords);
  }

  /** Merges every non-overlapping occurrence of the pair of {@code rank}, left to right; returns the new length. */
  private int mergeAll(int[] ids, String[] strings, int n, int rank) {
    int left = leftOfRank[rank];
    int right = rightOfRank[rank];
    int merged = mergedOfRank[rank];
    int length = 0;
    int k = 0;
    while (k < n) {
      if (k + 1 < n && ids[k] == left && ids[k + 1] == right) {
        ids[length] = merged;
        strings[length] = symbols.symbol(merged);
        k += 2;
      } else {
        ids[length] = ids[k];
        strings[length] = strings[k];
        k++;
      }
      length++;
    }
    return length;
  }

  /** {@code check_vocab_and_split}: splits subwords missing from the vocabulary by reverting merges. */
  private List<String> checkVocabularyAndSplit(List<String> subwords) {
    List<String> out = new ArrayList<>();
    int last = subwords.size() - 1;
    for (int k = 0; k < last; k++) {
      String subword = subwords.get(k);
      if (vocabulary.contains(subword + separator)) {
        out.add(subword);
      } else {
        recursiveSplit(subword, false, out);
      }
    }
    String finalSubword = subwords.get(last);
    if (vocabulary.contains(finalSubword)) {
      out.add(finalSubword);
    } else {
      recursiveSplit(finalSubword, true, out);
    }
    return out;
  }

  /** {@code recursive_split}: reverts merges until every unit is in the vocabulary or cannot be split. */
  private void recursiveSplit(String segment, boolean wordFinal, List<String> out) {
    BpeCodes.Merge merge = mergeProducing.get(wordFinal ? segment + END_OF_WORD : segment);
    if (merge == null) {
      out.add(segment);
      return;
    }
    String left = merge.left();
    String right = wordFinal ? PythonText.dropLastCodePoints(merge.right(), END_OF_WORD.length()) : merge.right();
    if (vocabulary.contains(left + separator)) {
      out.add(left);
    } else {
      recursiveSplit(left, false, out);
    }
    if (vocabulary.contains(wordFinal ? right : right + separator)) {
      out.add(right);
    } else {
      recursiveSplit(right, wordFinal, out);
    }
  }

  /** {@code _isolate_glossaries}: each glossary in turn splits the parts left by the previous ones. */
  private List<String> isolateGlossaries(String word) {
    List<String> parts = List.of(word);
    for (Glossary glossary : glossaries) {
      List<String> next = new ArrayList<>();
      for (String part : parts) {
        isolateGlossary(part, glossary, next);
      }
      parts = next;
    }
    return parts;
  }

  /**
   * {@code isolate_glossary}: {@code re.split} on the glossary (its groups kept), empty pieces dropped; the
   * last piece is kept, stripped of {@code '\r\n '}, unless it is empty.
   */
  private static void isolateGlossary(String word, Glossary glossary, List<String> out) {
    if (glossary.wholeWord().matcher(word).lookingAt() || !glossary.anywhere().matcher(word).find()) {
      out.add(word);
      return;
    }
    Matcher matcher = glossary.captured().matcher(word);
    int pieceStart = 0;
    while (matcher.find()) {
      addIfNotEmpty(word.substring(pieceStart, matcher.start()), out);
      for (int group = 1; group <= matcher.groupCount(); group++) {
        addIfNotEmpty(matcher.group(group), out);
      }
      pieceStart = matcher.end();
    }
    String ending = word.substring(pieceStart);
    if (!ending.isEmpty()) {
      out.add(PythonText.strip(ending));
    }
  }

  private static void addIfNotEmpty(String piece, List<String> out) {
    if (piece != null && !piece.isEmpty()) {
      out.add(piece);
    }
  }

  private static long pairKey(int left, int right) {
    return ((long) left << 32) | right;
  }
}
