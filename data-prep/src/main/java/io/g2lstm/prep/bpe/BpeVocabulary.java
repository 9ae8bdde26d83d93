package io.g2lstm.prep.bpe;

import io.g2lstm.common.DataException;
import io.g2lstm.common.TextFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A subword vocabulary in the format of subword-nmt's {@code learn_joint_bpe_and_vocab}: one
 * {@code "token count"} line per token of the segmented training text, most frequent first, equal counts in
 * order of first occurrence. {@link BpeApplier} uses it to revert merges that produce rare subwords.
 */
public record BpeVocabulary(List<Entry> entries) {

  /** A segmented token and how often it occurs. */
  public record Entry(String token, long count) {

    public Entry {
      Objects.requireNonNull(token, "token");
      if (token.isEmpty() || token.indexOf(' ') >= 0 || token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("token must be non-empty without spaces or line breaks, found '"
            + token + "'");
      }
    }
  }

  public BpeVocabulary {
    entries = List.copyOf(entries);
  }

  /**
   * Orders counts as Python's stable {@code sorted(counter.items(), key=count, reverse=True)} does: by count,
   * highest first, equal counts keeping the given order.
   *
   * @param countsInFirstOccurrenceOrder one entry per token, in the order the tokens first occur in the text
   */
  public static BpeVocabulary fromFirstOccurrenceCounts(List<Entry> countsInFirstOccurrenceOrder) {
    List<Entry> sorted = new ArrayList<>(countsInFirstOccurrenceOrder);
    sorted.sort(Comparator.comparingLong(Entry::count).reversed());
    return new BpeVocabulary(sorted);
  }

  /**
   * Segments a training text with {@code applier} and counts the resulting tokens, as
   * {@code learn_joint_bpe_and_vocab} does for each of its inputs.
   */
  public static BpeVocabulary count(Reader trainingText, BpeApplier applier) throws IOException {
    Map<String, long[]> counts = new LinkedHashMap<>();
    // learn_joint_bpe_and_vocab reads the training text with open(), not codecs: universal newlines.
    PythonLineReader lines = new PythonLineReader(trainingText, PythonLineReader.Mode.UNIVERSAL);
    String line;
    while ((line = lines.readLine()) != null) {
      PythonText.forEachWordOfText(applier.apply(line),
          token -> counts.computeIfAbsent(token, t -> new long[1])[0]++);
    }
    List<Entry> entries = new ArrayList<>(counts.size());
    counts.forEach((token, count) -> entries.add(new Entry(token, count[0])));
    return fromFirstOccurrenceCounts(entries);
  }

  /** Reads a UTF-8 vocabulary file. */
  public static BpeVocabulary read(Path file) {
    return TextFiles.read(file, BpeVocabulary::read);
  }

  /**
   * Reads {@code "token count"} lines as subword-nmt's {@code read_vocabulary} does. {@code sourceName} names
   * the input in error messages.
   *
   * @throws DataException if a line is not a token and an integer count separated by one space
   */
  public static BpeVocabulary read(Reader in, String sourceName) throws IOException {
    List<Entry> entries = new ArrayList<>();
    PythonLineReader lines = new PythonLineReader(in, PythonLineReader.Mode.CODECS);
    String line;
    long lineNumber = 0;
    while ((line = lines.readLine()) != null) {
      lineNumber++;
      String stripped = PythonText.strip(line);
      int space = stripped.indexOf(' ');
      if (space <= 0 || space == stripped.length() - 1 || stripped.indexOf(' ', space + 1) >= 0) {
        throw DataException.at(sourceName, lineNumber, "a token and a count separated by one space",
            "'" + line.strip() + "'");
      }
      String countText = stripped.substring(space + 1);
      long count;
      try {
        count = Long.parseLong(countText);
      } catch (NumberFormatException e) {
        throw DataException.at(sourceName, lineNumber, "an integer count", "'" + countText + "'");
      }
      entries.add(new Entry(stripped.substring(0, space), count));
    }
    return new BpeVocabulary(entries);
  }

  /** Writes one {@code "token count"} line per entry, each ended by {@code \n}. */
  public void write(Writer out) throws IOException {
    for (Entry entry : entries) {
      out.write(entry.token());
      out.write(' ');
      out.write(Long.toString(entry.count()));
      out.write('\n');
    }
  }

  /** Writes a UTF-8 vocabulary file through a temporary file and an atomic move. */
  public void write(Path file) {
    TextFiles.write(file, this::write);
  }

  /** The tokens counted at least {@code threshold} times: the vocabulary for {@code --vocabulary-threshold}. */
  public Set<String> tokensWithCountAtLeast(long threshold) {
    Set<String> tokens = new HashSet<>();
    for (Entry entry : entries) {
      if (entry.count() >= threshold) {
        tokens.add(entry.token());
      }
    }
    return tokens;
  }
}
