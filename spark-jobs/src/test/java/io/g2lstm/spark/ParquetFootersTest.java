package io.g2lstm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFootersTest {

  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.open("footers-test", Optional.of("local[1]"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** What another JVM may write for the same rows: each column chunk's encodings in reverse order. */
  private static void reverseEncodings(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = bytes.length - 8 - footerLength;
    FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart, footerLength));
    for (RowGroup group : metadata.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        List<Encoding> encodings = new ArrayList<>(chunk.getMeta_data().getEncodings());
        Collections.reverse(encodings);
        chunk.getMeta_data().setEncodings(encodings);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, footerStart);
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    Util.writeFileMetaData(metadata, footer);
    out.write(footer.toByteArray());
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
    out.write(new byte[] {'P', 'A', 'R', '1'});
    Files.write(file, out.toByteArray());
  }

  @Test
  void footersThatDifferOnlyInTheOrderOfEncodingsBecomeTheSameBytes() throws IOException {
    Path written = dir.resolve("written");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int[] ids = {4, 5 + i % 2, 6};
      rows.add(RowFactory.create((long) i, ShardSchema.boxed(ids), ShardSchema.boxed(ids), 3, 3));
    }
    spark.createDataFrame(rows, ShardSchema.SCHEMA).coalesce(1).write().parquet(written.toString());
    Path original;
    try (Stream<Path> files = Files.list(written)) {
      original = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Path other = Files.copy(original, dir.resolve("other.parquet"));
    reverseEncodings(other);
    assertFalse(Arrays.equals(Files.readAllBytes(original), Files.readAllBytes(other)),
        "the reversed lists change the bytes (each chunk here has more than one encoding)");

    FileSystem fs = FileSystem.getLocal(new Configuration());
    ParquetFooters.normalize(fs, new org.apache.hadoop.fs.Path(original.toUri()));
    assertTrue(ParquetFooters.normalize(fs, new org.apache.hadoop.fs.Path(other.toUri())));
    assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(other));
    assertFalse(ParquetFooters.normalize(fs, new org.apache.hadoop.fs.Path(other.toUri())), "already in order");
    assertEquals(3, spark.read().parquet(other.toString()).count(), "the file still reads");
  }
}
