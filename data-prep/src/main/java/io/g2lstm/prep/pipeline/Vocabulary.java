package io.g2lstm.prep.pipeline;

import io.g2lstm.common.DataException;
import io.g2lstm.common.PythonStrings;
import io.g2lstm.prep.corpus.Utf8LineReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A token-to-id table: the four special tokens ({@code <pad>}=0, {@code <unk>}=1, {@code <s>}=2, {@code </s>}=3)
 * followed by the most frequent tokens of the training data, most frequent first, ties in code-point order.
 *
 * <p>Stored as text, one {@code token<TAB>count} line per id, so it diffs and greps well; special tokens have
 * count 0. Immutable and safe to share across threads.
 */
public final class Vocabulary implements Serializable {

  public static final String PAD = "<pad>";
  public static final String UNK = "<unk>";
  public static final String BOS = "<s>";
  public static final String EOS = "</s>";
  public static final int PAD_ID = 0;
  public static final int UNK_ID = 1;
  public static final int BOS_ID = 2;
  public static final int EOS_ID = 3;
  private static final List<String> SPECIALS = List.of(PAD, UNK, BOS, EOS);

  private final List<String> tokens;
  private final long[] counts;
  private final Map<String, Integer> ids;

  private Vocabulary(List<String> tokens, long[] counts) {
    this.tokens = List.copyOf(tokens);
    this.counts = counts;
    this.ids = new HashMap<>(tokens.size() * 2);
    for (int i = 0; i < tokens.size(); i++) {
      ids.put(tokens.get(i), i);
    }
  }

  /** The {@code maxTokens} most frequent tokens of {@code counts}, after the special tokens. */
  public static Vocabulary fromCounts(Map<String, Long> counts, int maxTokens) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (!SPECIALS.contains(e.getKey())) {
        entries.add(e);
      }
    }
    entries.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
        .thenComparing(Map.Entry::getKey, PythonStrings::compareCodePoints));
    int size = Math.min(maxTokens, entries.size());
    List<String> tokens = new ArrayList<>(SPECIALS);
    long[] tokenCounts = new long[SPECIALS.size() + size];
    for (int i = 0; i < size; i++) {
      tokens.add(entries.get(i).getKey());
      tokenCounts[SPECIALS.size() + i] = entries.get(i).getValue();
    }
    return new Vocabulary(tokens, tokenCounts);
  }

  /** Reads a vocabulary written by {@link #write}; {@code name} names it in errors. */
  public static Vocabulary read(Reader reader, String name) {
    List<String> tokens = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    StringWriter text = new StringWriter();
    try (reader) {
      reader.transferTo(text);
    } catch (IOException e) {
      throw new UncheckedIOException("reading vocabulary " + name, e);
    }
    for (String line : Utf8LineReader.split(text.getBuffer())) {
      int tab = line.lastIndexOf('\t');
      if (tab <= 0) {
        throw DataException.at(name, tokens.size() + 1L, "token<TAB>count", "\"" + line + "\"");
      }
      try {
        counts.add(Long.parseLong(line.substring(tab + 1)));
      } catch (NumberFormatException e) {
        throw DataException.at(name, tokens.size() + 1L, "an integer count after the tab", line.substring(tab + 1));
      }
      tokens.add(line.substring(0, tab));
    }
    for (int i = 0; i < SPECIALS.size(); i++) {
      if (tokens.size() <= i || !tokens.get(i).equals(SPECIALS.get(i))) {
        throw DataException.at(name, i + 1L, SPECIALS.get(i), tokens.size() <= i ? "the end of the file"
            : "\"" + tokens.get(i) + "\"");
      }
    }
    long[] array = new long[counts.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = counts.get(i);
    }
    return new Vocabulary(tokens, array);
  }

  /** Writes one {@code token<TAB>count} line per id. */
  public void write(Writer out) throws IOException {
    for (int i = 0; i < tokens.size(); i++) {
      out.write(tokens.get(i));
      out.write('\t');
      out.write(Long.toString(counts[i]));
      out.write('\n');
    }
  }

  public int size() {
    return tokens.size();
  }

  /** The id of {@code token}, or {@link #UNK_ID}. */
  public int id(String token) {
    Integer id = ids.get(token);
    return id == null ? UNK_ID : id;
  }

  public String token(int id) {
    return tokens.get(id);
  }

  /** The ids of space-separated tokens, unknown ones as {@link #UNK_ID}. */
  public int[] encode(String[] tokensOfSentence) {
    int[] result = new int[tokensOfSentence.length];
    for (int i = 0; i < result.length; i++) {
      result[i] = id(tokensOfSentence[i]);
    }
    return result;
  }

  /**
   * Where {@code other} first differs from this vocabulary, as "expected ..., found ..." text (id, token and count),
   * or empty when they are equal.
   */
  public Optional<String> firstDifference(Vocabulary other) {
    int common = Math.min(size(), other.size());
    for (int id = 0; id < common; id++) {
      if (!tokens.get(id).equals(other.tokens.get(id)) || counts[id] != other.counts[id]) {
        return Optional.of("at id " + id + ": expected " + entry(id) + ", found " + other.entry(id));
      }
    }
    if (size() != other.size()) {
      return Optional.of("expected " + size() + " entries, found " + other.size() + " (the first " + common
          + " equal)");
    }
    return Optional.empty();
  }

  private String entry(int id) {
    return "\"" + tokens.get(id) + "\" (count " + counts[id] + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vocabulary v && tokens.equals(v.tokens) && Arrays.equals(counts, v.counts);
  }

  @Override
  public int hashCode() {
    return tokens.hashCode();
  }
}
