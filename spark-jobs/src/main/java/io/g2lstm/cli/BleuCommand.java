package io.g2lstm.cli;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.common.DataException;
import io.g2lstm.model.bleu.BleuMetric;
import io.g2lstm.model.bleu.BleuStatistics;
import io.g2lstm.model.bleu.BleuTokenizer;
import io.g2lstm.model.bleu.MultiBleu;
import io.g2lstm.model.bleu.Smoothing;
import io.g2lstm.prep.corpus.Utf8LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command {@code bleu [--tokenize 13a|intl|none] [--lowercase] [--smooth exp|floor|add-k|none]
 * [--smooth-value V] [--multi-bleu] REF...}: scores the hypotheses on standard input against one or more reference
 * files, line by line. Prints sacreBLEU's score line and, on the next line, its signature; with {@code --multi-bleu},
 * the line of Moses's multi-bleu.perl instead (which knows only {@code --lowercase}).
 */
public final class BleuCommand {

  private static final String NAME = "bleu";
  private static final String HYPOTHESES = "standard input";

  private BleuCommand() {}

  public static void run(List<String> args, InputStream hypotheses, OutputStream out) throws IOException {
    CommandLine cli = new CommandLine(NAME).option("--tokenize", "-tok").flag("--lowercase", "-lc")
        .option("--smooth", "--smooth-method").option("--smooth-value").flag("--multi-bleu").parse(args);
    List<String> referenceFiles = cli.positionals();
    if (referenceFiles.isEmpty()) {
      throw new ConfigurationException("'" + NAME + "': expected one or more reference files, found none");
    }
    boolean multiBleu = cli.has("--multi-bleu");
    if (multiBleu) {
      for (String option : List.of("--tokenize", "--smooth", "--smooth-value")) {
        if (cli.has(option)) {
          throw new ConfigurationException("'" + NAME + "': option " + option + ": expected no such option with "
              + "--multi-bleu (multi-bleu.perl does not tokenize or smooth), found '" + cli.value(option).get() + "'");
        }
      }
    }
    BleuMetric metric = metric(cli);
    for (String file : referenceFiles) {
      if (!Files.isRegularFile(Path.of(file))) {
        throw new ConfigurationException("'" + NAME + "': reference file " + file + ": expected an existing file, "
            + "found none");
      }
    }
    List<String> hypothesisLines = lines(hypotheses.readAllBytes(), HYPOTHESES, multiBleu);
    List<List<String>> referenceStreams = new ArrayList<>();
    for (String file : referenceFiles) {
      List<String> referenceLines = lines(Files.readAllBytes(Path.of(file)), file, multiBleu);
      if (referenceLines.size() != hypothesisLines.size()) {
        throw DataException.in(file, lineCount(hypothesisLines.size()) + " (as many as the hypotheses on "
            + HYPOTHESES + ")", lineCount(referenceLines.size()));
      }
      referenceStreams.add(referenceLines);
    }
    String output;
    if (multiBleu) {
      MultiBleu statistics = new MultiBleu(cli.has("--lowercase"));
      List<String> references = new ArrayList<>();
      for (int i = 0; i < hypothesisLines.size(); i++) {
        references.clear();
        for (List<String> stream : referenceStreams) {
          references.add(stream.get(i));
        }
        statistics.add(hypothesisLines.get(i), references);
      }
      output = statistics.line() + "\n";
    } else {
      BleuStatistics statistics = metric.statistics(hypothesisLines, referenceStreams);
      output = statistics.score().line() + "\n" + statistics.signature() + "\n";
    }
    out.write(output.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static BleuMetric metric(CommandLine cli) {
    String tokenizerName = cli.value("--tokenize").orElse(BleuTokenizer.V13A.signature());
    BleuTokenizer tokenizer = BleuTokenizer.named(tokenizerName).orElseThrow(() -> new ConfigurationException("'"
        + NAME + "': option --tokenize: expected 13a, intl or none, found '" + tokenizerName + "'"));
    String smoothingName = cli.value("--smooth").orElse(Smoothing.EXP.signature());
    Smoothing smoothing = Smoothing.named(smoothingName).orElseThrow(() -> new ConfigurationException("'" + NAME
        + "': option --smooth: expected exp, floor, add-k or none, found '" + smoothingName + "'"));
    double smoothValue = smoothing.defaultValue();
    if (cli.has("--smooth-value")) {
      String text = cli.value("--smooth-value").get();
      if (!smoothing.takesValue()) {
        throw new ConfigurationException("'" + NAME + "': option --smooth-value: expected it only with --smooth "
            + "floor or add-k, found it with " + smoothing.signature());
      }
      try {
        smoothValue = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        smoothValue = Double.NaN;
      }
      if (!(smoothValue >= 0 && smoothValue < Double.POSITIVE_INFINITY)) {
        throw new ConfigurationException("'" + NAME + "': option --smooth-value: expected a number >= 0, found '"
            + text + "'");
      }
    }
    return BleuMetric.sacreBleuDefaults().withTokenizer(tokenizer).withLowercase(cli.has("--lowercase"))
        .withSmoothing(smoothing, smoothValue);
  }

  private static String lineCount(int count) {
    return count == 1 ? "1 line" : count + " lines";
  }

  /**
   * The lines of a file, by the project's one rule ({@link Utf8LineReader}); the {@code \r} it drops from a line's
   * end changes no score (sacreBLEU strips it, multi-bleu.perl splits on it). sacreBLEU reads strict UTF-8;
   * multi-bleu.perl reads bytes, which ISO-8859-1 maps one to one onto characters.
   */
  private static List<String> lines(byte[] bytes, String name, boolean asBytes) {
    String text;
    if (asBytes) {
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    } else {
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw DataException.in(name, "UTF-8 text", "malformed bytes");
      }
    }
    return Utf8LineReader.split(text);
  }
}
