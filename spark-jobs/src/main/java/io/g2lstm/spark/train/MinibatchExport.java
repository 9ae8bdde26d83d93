package io.g2lstm.spark.train;

import io.g2lstm.common.fs.OutputOwner;
import io.g2lstm.spark.HadoopFileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Writes training minibatches once, one file per minibatch, for deeplearning4j-spark's path-based training: each
 * epoch then streams them from the files instead of rebuilding them. This replaces deeplearning4j-spark's own export,
 * which re-cuts minibatches to a fixed size by merging neighbours, and cannot merge the translation graph's index
 * matrices of different lengths. A minibatch keeps its length bucket here.
 */
final class MinibatchExport {

  private MinibatchExport() {}

  /** Marks an export directory, so that only exports are ever removed as a killed run's leftovers. */
  static final OutputOwner OWNER = OutputOwner.marked("train-export");

  /** Writes every minibatch under {@code directory} and returns the files' paths (computed once, then cached). */
  static JavaRDD<String> write(JavaSparkContext sc, JavaRDD<MultiDataSet> batches, String directory) {
    HadoopFileStore files = new HadoopFileStore(sc.hadoopConfiguration());
    try {
      files.makeDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + directory, e);
    }
    OWNER.mark(files, directory);
    Broadcast<SerializableConfiguration> hadoop = sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration()));
    JavaRDD<String> paths = batches.mapPartitionsWithIndex(new Write(directory, hadoop), true).cache();
    paths.count();
    return paths;
  }

  private record Write(String directory, Broadcast<SerializableConfiguration> hadoop)
      implements Function2<Integer, Iterator<MultiDataSet>, Iterator<String>> {

    @Override
    public Iterator<String> call(Integer partition, Iterator<MultiDataSet> batches) {
      List<String> paths = new ArrayList<>();
      try {
        FileSystem fs = new Path(directory).getFileSystem(hadoop.value().value());
        for (int i = 0; batches.hasNext(); i++) {
          Path file = new Path(directory, String.format(Locale.ROOT, "part-%05d-%06d.bin", partition, i));
          try (FSDataOutputStream out = fs.create(file, true)) {
            batches.next().save(out);
          }
          paths.add(file.toString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("writing minibatches under " + directory, e);
      }
      return paths.iterator();
    }
  }
}
