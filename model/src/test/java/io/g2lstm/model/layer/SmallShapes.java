package io.g2lstm.model.layer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs a test class with ND4J on one thread (its own pool and OpenMP) and double-precision defaults, then restores
 * both. The layer tests use tiny arrays, for which threads only cost (much more so on a machine shared with other
 * work: DL4J's time-series reversal in Bidirectional took milliseconds with two OpenMP threads), and compare
 * values to 1e-9 or better.
 */
final class SmallShapes implements BeforeAllCallback, AfterAllCallback {

  private int maxThreads;
  private int maxMasterThreads;
  private int ompThreads;
  private DataType dataType;
  private DataType floatingType;

  @Override
  public void beforeAll(ExtensionContext context) {
    Environment environment = Nd4j.getEnvironment();
    maxThreads = environment.maxThreads();
    maxMasterThreads = environment.maxMasterThreads();
    ompThreads = nativeOps().ompGetMaxThreads();
    dataType = Nd4j.dataType();
    floatingType = Nd4j.defaultFloatingPointType();
    environment.setMaxThreads(1);
    environment.setMaxMasterThreads(1);
    nativeOps().setOmpNumThreads(1);
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Nd4j.getEnvironment().setMaxThreads(maxThreads);
    Nd4j.getEnvironment().setMaxMasterThreads(maxMasterThreads);
    nativeOps().setOmpNumThreads(ompThreads);
    Nd4j.setDefaultDataTypes(dataType, floatingType);
  }

  /** OpenMP threads are set apart from ND4J's own pool (some operations, such as pullRows, use them). */
  private static NativeOps nativeOps() {
    return NativeOpsHolder.getInstance().getDeviceNativeOps();
  }
}
