package io.g2lstm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.cli.Main;
import io.g2lstm.common.DataException;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.LifecycleException;
import io.g2lstm.common.SettingsReader;
import io.g2lstm.common.SharedDir;
import io.g2lstm.common.fs.ProcessIdentity;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.prep.demo.SyntheticCorpus;
import io.g2lstm.prep.pipeline.DropReason;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.prep.pipeline.PrepareSettings;
import io.g2lstm.prep.pipeline.PrepareStatistics;
import io.g2lstm.prep.pipeline.Vocabulary;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareJobTest {

  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkSessions.open("prepare-test", Optional.of("local[2]"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static String demoConfig(Path corpus, Path output) {
    return SyntheticCorpusConfig.prepareBlock(corpus, output, "bpe.merges = 300", "filter.max-length = 30",
        "partitions = 3", "train-shards = 2");
  }

  private static PrepareManifest prepare(String configText) {
    return PrepareJob.run(spark, JobSettings.read(SettingsReader.parse(configText, "test.conf"),
        PrepareSettings::from));
  }

  @Test
  void preparesTheSyntheticCorpusDeterministically() throws IOException {
    Path corpus = dir.resolve("corpus");
    new SyntheticCorpus(7).writeSplits(corpus, 1500, 100, 100);
    Path output = dir.resolve("prepared");
    PrepareManifest first = prepare(demoConfig(corpus, output));

    PrepareStatistics.SplitCounts train = first.statistics().get(Split.TRAIN);
    assertEquals(1500, train.read());
    long dropped = train.dropped().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(train.read(), train.kept() + dropped);
    assertEquals(100, first.statistics().get(Split.TEST).kept(), "test pairs are never length-filtered");
    assertTrue(first.bpeMergesLearned() > 0 && first.bpeMergesLearned() <= 300);

    List<Row> rows = spark.read().parquet(output.resolve("shards/train").toString()).collectAsList();
    assertEquals(train.kept(), rows.size());
    for (Row row : rows) {
      List<Integer> source = row.getList(row.fieldIndex(ShardSchema.SOURCE_IDS));
      assertEquals(source.size(), row.getInt(row.fieldIndex(ShardSchema.SOURCE_LENGTH)));
      assertTrue(source.size() <= 30, "length filter applied");
    }
    try (Stream<Path> files = Files.list(output.resolve("shards/train"))) {
      assertEquals(List.of("part-00000.parquet", "part-00001.parquet"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    Vocabulary target;
    try (Reader reader = Files.newBufferedReader(output.resolve(PrepareManifest.TARGET_VOCABULARY))) {
      target = Vocabulary.read(reader, "vocab.tgt");
    }
    assertEquals(first.targetVocabularySize(), target.size());
    assertTrue(Files.readString(output.resolve(PrepareManifest.CONFIGURATION)).contains("train-shards"));

    // The test split keeps corpus order: its sequence ids ascend.
    List<Long> testIds = spark.read().parquet(output.resolve("shards/test").toString())
        .select(ShardSchema.SEQUENCE_ID).as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
    for (int i = 1; i < testIds.size(); i++) {
      assertTrue(testIds.get(i - 1) < testIds.get(i));
    }

    PrepareManifest second = prepare(demoConfig(corpus, output));
    assertEquals(first.files(), second.files(), "same configuration, same files");
    assertEquals(first.toJson(), Files.readString(output.resolve(PrepareManifest.MANIFEST)));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(List.of("corpus", "prepared"), siblings.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary or old directories left behind");
    }
  }

  @Test
  void mismatchedLineCountsFailBeforeAnythingIsWrittenAndKeepThePreviousOutput() throws IOException {
    Path corpus = dir.resolve("corpus");
    new SyntheticCorpus(3).writeSplits(corpus, 300, 20, 20);
    Path output = dir.resolve("prepared");
    prepare(demoConfig(corpus, output));
    String manifestBefore = Files.readString(output.resolve(PrepareManifest.MANIFEST));

    List<String> lines = Files.readAllLines(corpus.resolve("train.tgt"));
    Files.write(corpus.resolve("train.tgt"), lines.subList(0, lines.size() - 2));
    Exception e = assertThrows(Exception.class, () -> prepare(demoConfig(corpus, output)));
    DataException cause = (DataException) Main.findKnownCause(e);
    assertTrue(cause.getMessage().contains("300 in " + corpus.resolve("train.src")), cause.getMessage());
    assertTrue(cause.getMessage().contains("298 in " + corpus.resolve("train.tgt")), cause.getMessage());
    assertEquals(manifestBefore, Files.readString(output.resolve(PrepareManifest.MANIFEST)));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertFalse(siblings.anyMatch(p -> p.getFileName().toString().contains(".tmp-")));
    }
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anOutputThatIsNotPreparedDataIsRefusedAndLeftAsItIs() throws IOException {
    Path corpus = dir.resolve("corpus");
    new SyntheticCorpus(3).writeSplits(corpus, 100, 10, 10);
    List<String> corpusFiles = listing(corpus);
    String trainSource = Files.readString(corpus.resolve("train.src"));
    Path unrelated = Files.createDirectories(dir.resolve("thesis"));
    Files.writeString(unrelated.resolve("chapter1.tex"), "years of work");
    Path file = Files.writeString(dir.resolve("notes.txt"), "a file");
    for (Path output : List.of(unrelated, corpus, file)) {
      LifecycleException e = assertThrows(LifecycleException.class, () -> prepare(demoConfig(corpus, output)));
      assertTrue(e.getMessage().startsWith("prepare.output " + output + ": expected "), e.getMessage());
      assertTrue(e.getMessage().endsWith("it is left as it is"), e.getMessage());
    }
    // a directory that holds the corpora is refused even when it is prepared data
    Path prepared = dir.resolve("prepared");
    prepare(demoConfig(corpus, prepared));
    Files.copy(corpus.resolve("train.src"), prepared.resolve("train.src"));
    Files.copy(corpus.resolve("train.tgt"), prepared.resolve("train.tgt"));
    String inside = demoConfig(corpus, prepared).replace("source = ${paths.corpus}\"/train.src\"",
        "source = \"" + prepared.resolve("train.src") + "\"");
    assertTrue(assertThrows(LifecycleException.class, () -> prepare(inside)).getMessage()
        .contains("expected a directory apart from the corpora"));
    assertTrue(Files.isRegularFile(prepared.resolve("train.src")));

    assertEquals(corpusFiles, listing(corpus));
    assertEquals(trainSource, Files.readString(corpus.resolve("train.src")));
    assertEquals(List.of("chapter1.tex"), listing(unrelated));
    assertEquals("a file", Files.readString(file));
    assertEquals(List.of("corpus", "notes.txt", "prepared", "thesis"), listing(dir));
  }

  @Test
  void theStagingOfAKilledRunIsRemovedByTheNextRun() throws IOException, InterruptedException {
    Path corpus = dir.resolve("corpus");
    new SyntheticCorpus(3).writeSplits(corpus, 100, 10, 10);
    Path output = dir.resolve("prepared");
    Path stale = Files.createDirectories(dir.resolve("prepared.tmp-" + java.util.UUID.randomUUID()));
    Files.writeString(stale.resolve(PrepareManifest.BPE_CODES), "#version: 0.2\n");
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Files.writeString(dir.resolve(stale.getFileName() + ".owner"), new ProcessIdentity(
        ProcessIdentity.current().host(), ended.pid(), 1).toJson(java.util.Map.of("output", "file:" + output,
        "job", "prepare")));
    prepare(demoConfig(corpus, output));
    assertEquals(List.of("corpus", "prepared"), listing(dir));
  }

  @Test
  void emptyLinesAreDroppedAndCounted() throws IOException {
    Path corpus = dir.resolve("corpus");
    new SyntheticCorpus(5).writeSplits(corpus, 200, 10, 10);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(corpus.resolve("train.src")));
    lines.set(10, "   ");
    lines.set(20, "");
    Files.write(corpus.resolve("train.src"), lines);
    PrepareManifest manifest = prepare(demoConfig(corpus, dir.resolve("prepared")));
    assertEquals(2L, manifest.statistics().get(Split.TRAIN).dropped().get(DropReason.EMPTY_LINE));
  }

  @Test
  void multi30kJointCodesEqualSubwordNmt() throws IOException {
    Path shared = SharedDir.find().orElse(null);
    Assumptions.assumeTrue(shared != null, "shared data absent: " + SharedDir.describeSearch());
    Path output = dir.resolve("multi30k");
    // The shared BPE fixtures were learnt on Moses-tokenized text without -a: the same settings here must give
    // byte-identical codes, learnt from word counts reduced across partitions.
    SettingsReader config = SettingsReader.load(Path.of("..", "conf", "multi30k.conf"), java.util.Map.of(
        "paths.shared", shared.toString(), "prepare.output", output.toString(),
        "prepare.tokenizer.aggressive-hyphen-split", false, "prepare.partitions", 4));
    PrepareManifest manifest = PrepareJob.run(spark, JobSettings.read(config, PrepareSettings::from));
    assertEquals(29000, manifest.statistics().get(Split.TRAIN).read());
    assertEquals(1014, manifest.statistics().get(Split.VALID).kept());
    assertEquals(1000, manifest.statistics().get(Split.TEST).kept());
    assertEquals(Files.readString(shared.resolve("fixtures/bpe/multi30k.joint.s8000.codes")),
        Files.readString(output.resolve(PrepareManifest.BPE_CODES)));
  }

  /** Lays out the shared WMT samples under the real WMT14 file names, gzipping nothing, splitting the 10k mix. */
  private static Path fakeWmt14Root(Path shared, Path root) throws IOException {
    Path sample = shared.resolve("data/wmt14-sample");
    List<String> en = Files.readAllLines(sample.resolve("wmt-mix-10k.tok.en"));
    List<String> de = Files.readAllLines(sample.resolve("wmt-mix-10k.tok.de"));
    String[][] training = {{"training/europarl-v7.de-en", "0", "4000"}, {"commoncrawl.de-en", "4000", "7000"},
        {"training/news-commentary-v9.de-en", "7000", "10000"}};
    for (String[] corpus : training) {
      int from = Integer.parseInt(corpus[1]);
      int to = Integer.parseInt(corpus[2]);
      Files.createDirectories(root.resolve(corpus[0]).getParent());
      Files.write(root.resolve(corpus[0] + ".en"), en.subList(from, to));
      Files.write(root.resolve(corpus[0] + ".de"), de.subList(from, to));
    }
    List<String> newsEn = Files.readAllLines(sample.resolve("newstest2014.first300.en"));
    List<String> newsDe = Files.readAllLines(sample.resolve("newstest2014.first300.de"));
    Files.createDirectories(root.resolve("dev"));
    Files.write(root.resolve("dev/newstest2012.en"), newsEn.subList(0, 150));
    Files.write(root.resolve("dev/newstest2012.de"), newsDe.subList(0, 150));
    Files.write(root.resolve("dev/newstest2013.en"), newsEn.subList(150, 300));
    Files.write(root.resolve("dev/newstest2013.de"), newsDe.subList(150, 300));
    Files.createDirectories(root.resolve("test-full"));
    Files.copy(sample.resolve("newstest2014-deen-ref.en.first300.sgm"),
        root.resolve("test-full/newstest2014-deen-src.en.sgm"));
    Files.copy(sample.resolve("newstest2014-deen-src.de.first300.sgm"),
        root.resolve("test-full/newstest2014-deen-ref.de.sgm"));
    return root;
  }

  @Test
  void wmt14ConfigurationReadsTheRealLayout() throws IOException {
    Path shared = SharedDir.find().orElse(null);
    Assumptions.assumeTrue(shared != null, "shared data absent: " + SharedDir.describeSearch());
    Path root = fakeWmt14Root(shared, dir.resolve("wmt14"));
    Path output = dir.resolve("prepared");
    SettingsReader config = SettingsReader.load(Path.of("..", "conf", "wmt14-en-de.conf"), java.util.Map.of(
        "paths.wmt14-root", root.toString(), "prepare.output", output.toString(), "prepare.bpe.merges", 2000,
        "prepare.partitions", 2, "prepare.train-shards", 2));
    PrepareManifest manifest = PrepareJob.run(spark, JobSettings.read(config, PrepareSettings::from));
    PrepareStatistics.SplitCounts train = manifest.statistics().get(Split.TRAIN);
    assertEquals(10_000, train.read());
    assertEquals(1L, train.dropped().get(DropReason.EMPTY_LINE), "line 5 of the English side is empty");
    assertTrue(train.dropped().get(DropReason.TOO_LONG) > 0, "real data has pairs over 64 subwords");
    assertEquals(300, manifest.statistics().get(Split.VALID).kept());
    assertEquals(300, manifest.statistics().get(Split.TEST).kept(), "newstest2014 read from SGML");
    assertEquals(List.of("europarl-v7", "commoncrawl", "news-commentary-v9", "newstest2012", "newstest2013",
        "newstest2014"), manifest.corpora().stream().map(c -> c.name()).toList());
  }

  @Test
  void repairedUtf8AndOverlongLinesAreCounted() throws IOException {
    Path corpus = dir.resolve("corpus");
    new SyntheticCorpus(11).writeSplits(corpus, 200, 10, 10);
    byte[] source = Files.readAllBytes(corpus.resolve("train.src"));
    byte[] broken = new byte[source.length + 1];
    broken[0] = (byte) 0xFF; // a malformed byte at the start of line 1
    System.arraycopy(source, 0, broken, 1, source.length);
    Files.write(corpus.resolve("train.src"), broken);
    List<String> target = new java.util.ArrayList<>(Files.readAllLines(corpus.resolve("train.tgt")));
    target.set(7, "lang ".repeat(400));
    Files.write(corpus.resolve("train.tgt"), target);
    String config = demoConfig(corpus, dir.resolve("prepared")) + "prepare.max-line-bytes = 1000\n";
    PrepareStatistics.SplitCounts train = prepare(config).statistics().get(Split.TRAIN);
    assertEquals(1, train.repairedUtf8());
    assertEquals(1L, train.dropped().get(DropReason.OVERLONG_LINE));

    Exception e = assertThrows(Exception.class,
        () -> prepare(config + "prepare.invalid-utf8 = reject\n"));
    DataException cause = (DataException) Main.findKnownCause(e);
    assertTrue(cause.getMessage().startsWith(corpus.resolve("train.src") + ":1:"), cause.getMessage());
  }
}
