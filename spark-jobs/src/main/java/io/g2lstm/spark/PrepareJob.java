package io.g2lstm.spark;

import io.g2lstm.common.DataException;
import io.g2lstm.common.JobSettings;
import io.g2lstm.common.LifecycleException;
import io.g2lstm.common.TextFiles;
import io.g2lstm.prep.bpe.BpeCodes;
import io.g2lstm.prep.corpus.CorpusSpec;
import io.g2lstm.prep.corpus.ParallelCorpusReader;
import io.g2lstm.prep.corpus.Split;
import io.g2lstm.prep.pipeline.PairSegmenter;
import io.g2lstm.prep.pipeline.PairTokenizer;
import io.g2lstm.prep.pipeline.PrepareManifest;
import io.g2lstm.prep.pipeline.PrepareSettings;
import io.g2lstm.prep.pipeline.PrepareStatistics;
import io.g2lstm.prep.pipeline.PreparedPair;
import io.g2lstm.prep.pipeline.ShardLayout;
import io.g2lstm.prep.pipeline.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The {@code prepare} job: raw parallel corpora in, Parquet shards, BPE codes, vocabularies and a manifest out.
 * Reading, tokenization and BPE run on the executors (one reader per corpus, then one tokenizer and one BPE cache per
 * partition); only word and subword counts come back to the driver, which learns the joint BPE codes and the
 * vocabularies. Everything is written under a temporary directory and moved into place at the end.
 */
public final class PrepareJob {

  private PrepareJob() {}

  /** Runs the job and returns the manifest it wrote. */
  public static PrepareManifest run(SparkSession spark, JobSettings<PrepareSettings> job) {
    PrepareSettings settings = job.settings();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf hadoop = new HadoopConf(jsc.hadoopConfiguration());
    int partitions = settings.partitions() > 0 ? settings.partitions() : jsc.defaultParallelism();
    check(settings, jsc.hadoopConfiguration());
    List<JavaRDD<?>> cached = new ArrayList<>();
    try (StagedOutput out = StagedOutput.begin(settings.output(), PrepareManifest.OWNER, "prepare.output",
        jsc.hadoopConfiguration())) {
      JavaRDD<PreparedPair> tokenized = read(jsc, settings, hadoop, partitions)
          .mapPartitions(pairs -> map(pairs, new PairTokenizer(settings)::apply))
          .persist(StorageLevel.MEMORY_AND_DISK_SER());
      cached.add(tokenized);

      Map<String, Long> words = countTokens(tokenized, pair -> pair.source() + " " + pair.target());
      BpeCodes codes = PairSegmenter.learnCodes(words, settings);
      out.writeText(PrepareManifest.BPE_CODES, TextFiles.render(codes::write));

      Broadcast<BpeCodes> codesOnExecutors = jsc.broadcast(codes);
      JavaRDD<PreparedPair> segmented = tokenized
          .mapPartitions(pairs -> map(pairs, new PairSegmenter(codesOnExecutors.value(), settings.filter())::apply))
          .persist(StorageLevel.MEMORY_AND_DISK_SER());
      cached.add(segmented);

      Vocabulary sourceVocabulary = Vocabulary.fromCounts(countTokens(segmented, PreparedPair::source),
          settings.sourceVocabularySize());
      Vocabulary targetVocabulary = Vocabulary.fromCounts(countTokens(segmented, PreparedPair::target),
          settings.targetVocabularySize());
      out.writeText(PrepareManifest.SOURCE_VOCABULARY, TextFiles.render(sourceVocabulary::write));
      out.writeText(PrepareManifest.TARGET_VOCABULARY, TextFiles.render(targetVocabulary::write));

      PrepareStatistics.Summary statistics = segmented
          .aggregate(new PrepareStatistics(), PrepareStatistics::add, PrepareStatistics::merge).freeze();

      Broadcast<Vocabulary> sourceIds = jsc.broadcast(sourceVocabulary);
      Broadcast<Vocabulary> targetIds = jsc.broadcast(targetVocabulary);
      ShardLayout layout = new ShardLayout(settings.trainShards());
      for (Split split : Split.values()) {
        JavaPairRDD<ShardLayout.Key, Row> rows = segmented
            .filter(pair -> pair.split() == split && pair.kept())
            .mapToPair(pair -> encode(pair, sourceIds.value(), targetIds.value(), layout));
        // Training shards are sorted by length for cheap bucketing; validation and test keep the corpus order.
        int files = split == Split.TRAIN ? settings.trainShards() : 1;
        JavaRDD<Row> ordered = rows
            .repartitionAndSortWithinPartitions(new ShardPartitioner(split == Split.TRAIN ? layout : ShardLayout.ONE))
            .values();
        String directory = out.resolve(PrepareManifest.shardDirectory(split)).toString();
        spark.createDataFrame(ordered, ShardSchema.SCHEMA).write().mode(SaveMode.ErrorIfExists).parquet(directory);
        ShardFiles.normalize(out, PrepareManifest.shardDirectory(split), files);
      }

      out.writeText(PrepareManifest.CONFIGURATION, job.resolved());
      PrepareManifest manifest = PrepareManifest.of(settings, job.sectionDigest("prepare"), codes.size(),
          sourceVocabulary.size(), targetVocabulary.size(), statistics, out.checksums());
      out.writeText(PrepareManifest.MANIFEST, manifest.toJson());
      out.commit();
      return manifest;
    } finally {
      cached.forEach(JavaRDD::unpersist);
    }
  }

  /**
   * What the job checks on the driver before any work, so that a typo fails at once rather than in a task: every
   * corpus file exists and none lies inside the output, and the output may be replaced by this job (it is absent or
   * {@code prepare}'s own) and written. Returns what it found, a line each ({@code prepare --check}).
   */
  public static List<String> check(PrepareSettings settings, Configuration conf) {
    HadoopFileStore files = new HadoopFileStore(conf);
    String output = files.qualify(settings.output());
    int count = 0;
    for (CorpusSpec spec : settings.corpora()) {
      for (String file : List.of(spec.source(), spec.target())) {
        try {
          Path path = new Path(file);
          if (!path.getFileSystem(conf).isFile(path)) {
            throw new DataException("corpus '" + spec.name() + "': expected the file " + file + ", found none");
          }
          if ((files.qualify(file) + "/").startsWith(output + "/")) {
            throw new LifecycleException("prepare.output " + settings.output() + ": expected a directory apart from "
                + "the corpora, found the file " + file + " of corpus '" + spec.name() + "' inside it; it is left "
                + "as it is");
          }
          count++;
        } catch (IOException e) {
          throw new UncheckedIOException("checking " + file, e);
        }
      }
    }
    PrepareManifest.OWNER.requireReplaceable(files, settings.output(), "prepare.output");
    HadoopFiles.requireWritable("prepare.output", settings.output(), conf);
    boolean replaced;
    try {
      replaced = files.exists(settings.output());
    } catch (IOException e) {
      throw new UncheckedIOException("checking " + settings.output(), e);
    }
    return List.of(settings.corpora().size() + " corpora, " + count + " files: present",
        "prepare.output " + settings.output() + ": "
            + (replaced ? "an earlier output of prepare, to be replaced" : "new") + ", writable");
  }

  private static JavaRDD<PreparedPair> read(JavaSparkContext jsc, PrepareSettings settings, HadoopConf hadoop,
      int partitions) {
    List<Integer> corpusIndices = new ArrayList<>();
    for (int i = 0; i < settings.corpora().size(); i++) {
      corpusIndices.add(i);
    }
    JavaRDD<PreparedPair> raw = jsc.parallelize(corpusIndices, corpusIndices.size()).flatMap(index -> {
      CorpusSpec spec = settings.corpora().get(index);
      ParallelCorpusReader reader = new ParallelCorpusReader(spec, index, hadoop::open, settings.invalidUtf8(),
          settings.maxLineBytes());
      return map(reader, sourced -> PreparedPair.of(sourced, spec.split()));
    });
    return partitions > corpusIndices.size() ? raw.repartition(partitions) : raw;
  }

  private static Map<String, Long> countTokens(JavaRDD<PreparedPair> pairs,
      org.apache.spark.api.java.function.Function<PreparedPair, String> side) {
    return pairs.filter(pair -> pair.split() == Split.TRAIN && pair.kept())
        .flatMap(pair -> Arrays.asList(side.call(pair).split(" ")).iterator())
        .mapToPair(token -> new Tuple2<>(token, 1L))
        .reduceByKey(Long::sum)
        .collectAsMap();
  }

  private static Tuple2<ShardLayout.Key, Row> encode(PreparedPair pair, Vocabulary source, Vocabulary target,
      ShardLayout layout) {
    int[] sourceIds = source.encode(pair.source().split(" "));
    int[] targetIds = target.encode(pair.target().split(" "));
    ShardLayout.Key key = pair.split() == Split.TRAIN
        ? layout.key(pair.sequenceId(), sourceIds.length, targetIds.length)
        : ShardLayout.inOrder(pair.sequenceId());
    return new Tuple2<>(key, RowFactory.create(pair.sequenceId(), ShardSchema.boxed(sourceIds),
        ShardSchema.boxed(targetIds), sourceIds.length, targetIds.length));
  }

  private static <A, B> Iterator<B> map(Iterator<A> items, Function<A, B> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public B next() {
        return f.apply(items.next());
      }
    };
  }
}
