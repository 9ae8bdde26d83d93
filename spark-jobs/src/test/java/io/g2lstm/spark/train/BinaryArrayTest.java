package io.g2lstm.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Arrays come back from {@link BinaryArray}'s serialized form with their type, shape and values. */
class BinaryArrayTest {

  @Test
  void aFloatArrayLargerThanOneBlockComesBackBitForBit() throws Exception {
    INDArray array = Nd4j.rand(DataType.FLOAT, 3, 70_001).subi(0.5).muli(1e-3);
    INDArray back = roundTrip(array);
    assertNotSame(array, back);
    assertEquals(DataType.FLOAT, back.dataType());
    assertArrayEquals(array.shape(), back.shape());
    assertArrayEquals(array.data().asFloat(), back.data().asFloat());
  }

  @Test
  void viewsAndColumnMajorArraysAreWrittenAsTheirValuesInRowMajorOrder() throws Exception {
    INDArray whole = Nd4j.linspace(DataType.DOUBLE, 1, 60, 1).reshape(6, 10);
    INDArray view = whole.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(2, 7));
    assertEquals(view, roundTrip(view));
    INDArray columnMajor = whole.dup('f');
    INDArray back = roundTrip(columnMajor);
    assertEquals(columnMajor, back);
    assertEquals('c', back.ordering());
  }

  @Test
  void emptyAndScalarArraysComeBack() throws Exception {
    assertEquals(0, roundTrip(Nd4j.create(DataType.FLOAT, 0)).length());
    assertEquals(Nd4j.scalar(2.5f), roundTrip(Nd4j.scalar(2.5f)));
  }

  private static INDArray roundTrip(INDArray array) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new BinaryArray(array));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return ((BinaryArray) in.readObject()).array();
    }
  }
}
