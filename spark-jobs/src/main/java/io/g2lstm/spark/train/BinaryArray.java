package io.g2lstm.spark.train;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J array that Java serialization writes as its data type, shape and raw bytes, copied in blocks. ND4J's own
 * serialization of an {@code INDArray} writes and reads it element by element: for the 29 MB of a 7.3M-parameter
 * model about 100 ms each way here, against about 10 ms for a block copy, and a round of parameter averaging moves
 * parameters and optimizer state (three such arrays) out to every worker and back.
 */
final class BinaryArray implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int BLOCK = 1 << 16;

  private transient INDArray array;

  /** Wraps {@code array}; it is serialized as it is then, not copied now. */
  BinaryArray(INDArray array) {
    this.array = array;
  }

  /** The array: the one given, or the one read back (a C-ordered array of its own). */
  INDArray array() {
    return array;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    INDArray contiguous = array.isView() || array.ordering() != 'c' ? array.dup('c') : array;
    Nd4j.getAffinityManager().ensureLocation(contiguous, AffinityManager.Location.HOST);
    out.writeUTF(contiguous.dataType().name());
    out.writeBoolean(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    out.writeObject(contiguous.shape());
    if (contiguous.isEmpty()) {
      return;
    }
    ByteBuffer bytes = independent(contiguous.data().asNio());
    long length = contiguous.length() * contiguous.dataType().width();
    byte[] block = new byte[(int) Math.min(BLOCK, length)];
    for (long done = 0; done < length; done += block.length) {
      int size = (int) Math.min(block.length, length - done);
      bytes.get(block, 0, size);
      out.write(block, 0, size);
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    DataType type = DataType.valueOf(in.readUTF());
    boolean littleEndian = in.readBoolean();
    if (littleEndian != (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN)) {
      throw new InvalidObjectException("expected an array written in this machine's byte order ("
          + ByteOrder.nativeOrder() + "), found the other; driver and executors must share one byte order");
    }
    long[] shape = (long[]) in.readObject();
    INDArray read = Nd4j.createUninitialized(type, shape, 'c');
    if (read.isEmpty()) {
      array = read;
      return;
    }
    ByteBuffer bytes = independent(read.data().asNio());
    long length = read.length() * type.width();
    byte[] block = new byte[(int) Math.min(BLOCK, length)];
    for (long done = 0; done < length; done += block.length) {
      int size = (int) Math.min(block.length, length - done);
      in.readFully(block, 0, size);
      bytes.put(block, 0, size);
    }
    Nd4j.getAffinityManager().tagLocation(read, AffinityManager.Location.HOST);
    array = read;
  }

  /** ND4J hands out one shared view of a buffer's memory: copy through a view of our own, from its start. */
  private static ByteBuffer independent(ByteBuffer shared) {
    return shared.duplicate().clear();
  }
}
