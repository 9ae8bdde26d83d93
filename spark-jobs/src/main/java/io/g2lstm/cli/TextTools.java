package io.g2lstm.cli;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.prep.bpe.BpeApplier;
import io.g2lstm.prep.bpe.BpeCodes;
import io.g2lstm.prep.bpe.BpeLearner;
import io.g2lstm.prep.bpe.BpeVocabulary;
import io.g2lstm.prep.corpus.InvalidUtf8Policy;
import io.g2lstm.prep.corpus.Utf8LineReader;
import io.g2lstm.prep.tokenize.MosesDetokenizer;
import io.g2lstm.prep.tokenize.MosesTokenizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The text tools of the command line, each reading standard input and writing standard output like the reference
 * tools they replace: {@code tokenize} and {@code detokenize} (Moses), {@code bpe learn} and {@code bpe apply}
 * (subword-nmt).
 */
public final class TextTools {

  private TextTools() {}

  /** {@code tokenize -l en|de [-a] [--no-escape]}. */
  public static void tokenize(List<String> args, InputStream in, OutputStream out) throws IOException {
    CommandLine cli = new CommandLine("tokenize").option("-l", "--language").flag("-a", "--aggressive")
        .flag("--no-escape", "-no-escape").parse(args).atMostPositionals(0);
    MosesTokenizer tokenizer = MosesTokenizer.forLanguage(cli.value("-l").orElse("en"))
        .withAggressiveHyphenSplit(cli.has("-a")).withEscape(!cli.has("--no-escape"));
    mapLines(in, out, tokenizer::tokenize);
  }

  /** {@code detokenize -l en|de}. */
  public static void detokenize(List<String> args, InputStream in, OutputStream out) throws IOException {
    CommandLine cli = new CommandLine("detokenize").option("-l", "--language").parse(args).atMostPositionals(0);
    mapLines(in, out, MosesDetokenizer.forLanguage(cli.value("-l").orElse("en"))::detokenize);
  }

  /** {@code bpe learn ...} or {@code bpe apply ...}. */
  public static void bpe(List<String> args, InputStream in, OutputStream out) throws IOException {
    if (args.isEmpty() || !(args.get(0).equals("learn") || args.get(0).equals("apply"))) {
      throw new ConfigurationException("'bpe': expected 'learn' or 'apply', found "
          + (args.isEmpty() ? "nothing" : "'" + args.get(0) + "'"));
    }
    List<String> rest = args.subList(1, args.size());
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      if (args.get(0).equals("learn")) {
        CommandLine cli = new CommandLine("bpe learn").option("-s", "--symbols").option("--min-frequency")
            .flag("--total-symbols", "-t").parse(rest).atMostPositionals(0);
        BpeCodes codes = new BpeLearner(cli.intValue("-s", 10_000, 0, Integer.MAX_VALUE))
            .withMinFrequency(cli.intValue("--min-frequency", 2, 1, Integer.MAX_VALUE))
            .withTotalSymbols(cli.has("--total-symbols")).learn(reader);
        codes.write(writer);
      } else {
        CommandLine cli = new CommandLine("bpe apply").option("-c", "--codes").option("--vocabulary")
            .option("--vocabulary-threshold").repeatable("--glossaries").option("-s", "--separator")
            .parse(rest).atMostPositionals(0);
        BpeApplier.Builder builder = BpeApplier.builder(BpeCodes.read(cli.file("-c")))
            .glossaries(cli.values("--glossaries"));
        cli.value("-s").ifPresent(builder::separator);
        if (cli.has("--vocabulary")) {
          BpeVocabulary vocabulary = BpeVocabulary.read(cli.file("--vocabulary"));
          builder.vocabulary(vocabulary.tokensWithCountAtLeast(
              cli.intValue("--vocabulary-threshold", 1, 0, Integer.MAX_VALUE)));
        } else if (cli.has("--vocabulary-threshold")) {
          throw new ConfigurationException("'bpe apply': option --vocabulary-threshold: expected --vocabulary "
              + "with it, found none");
        }
        builder.build().applyLines(reader, writer);
      }
    }
  }

  private static void mapLines(InputStream in, OutputStream out, UnaryOperator<String> f) throws IOException {
    Utf8LineReader lines = new Utf8LineReader(in, "standard input", InvalidUtf8Policy.REPLACE, Integer.MAX_VALUE);
    try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      for (Utf8LineReader.Line line = lines.next(); line != null; line = lines.next()) {
        writer.write(f.apply(line.text()));
        writer.write('\n');
      }
    }
  }
}
