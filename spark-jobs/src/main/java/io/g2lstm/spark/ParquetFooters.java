package io.g2lstm.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Makes Parquet files byte-reproducible. Parquet's writer lists each column chunk's encodings from a hash set of
 * enum constants, whose iteration order follows identity hash codes and so changes from one JVM to the next: the same
 * rows give footers that differ in the order of those lists, and files whose checksums differ. Here the lists are
 * put in a fixed order (by encoding, and page encoding statistics by page type then encoding) and the footer is
 * written again, nothing else changed; a file whose footer is already in that order is left untouched.
 */
final class ParquetFooters {

  private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

  private ParquetFooters() {}

  /** Puts the encoding lists of {@code file}'s footer in order; returns whether the file had to be rewritten. */
  static boolean normalize(FileSystem fs, Path file) throws IOException {
    long length = fs.getFileStatus(file).getLen();
    byte[] footer;
    long footerStart;
    try (FSDataInputStream in = fs.open(file)) {
      byte[] tail = new byte[8];
      in.readFully(length - 8, tail);
      for (int i = 0; i < MAGIC.length; i++) {
        if (tail[4 + i] != MAGIC[i]) {
          throw new IOException(file + ": expected a Parquet file (ending in PAR1), found other bytes");
        }
      }
      int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      footerStart = length - 8 - footerLength;
      footer = new byte[footerLength];
      in.readFully(footerStart, footer);
    }
    FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer));
    for (RowGroup group : metadata.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        sort(chunk.getMeta_data());
      }
    }
    ByteArrayOutputStream rewritten = new ByteArrayOutputStream(footer.length);
    Util.writeFileMetaData(metadata, rewritten);
    byte[] ordered = rewritten.toByteArray();
    if (Arrays.equals(ordered, footer)) {
      return false;
    }
    Path staging = new Path(file.getParent(), "." + file.getName() + ".footer");
    try (InputStream in = fs.open(file); OutputStream out = fs.create(staging, true)) {
      copy(in, out, footerStart);
      out.write(ordered);
      out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(ordered.length).array());
      out.write(MAGIC);
    }
    if (!fs.delete(file, false) || !fs.rename(staging, file)) {
      throw new IOException("cannot replace " + file + " by " + staging);
    }
    return true;
  }

  private static void sort(ColumnMetaData column) {
    if (column.isSetEncodings()) {
      List<Encoding> encodings = new ArrayList<>(column.getEncodings());
      encodings.sort(Comparator.comparingInt(Encoding::getValue));
      column.setEncodings(encodings);
    }
    if (column.isSetEncoding_stats()) {
      List<PageEncodingStats> stats = new ArrayList<>(column.getEncoding_stats());
      stats.sort(Comparator.comparingInt((PageEncodingStats s) -> s.getPage_type().getValue())
          .thenComparingInt(s -> s.getEncoding().getValue()));
      column.setEncoding_stats(stats);
    }
  }

  private static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = bytes;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }
}
