package io.g2lstm.spark.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.g2lstm.common.ConfigurationException;
import io.g2lstm.spark.gpu.NvidiaSmi.Gpu;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser of {@code nvidia-smi --query-gpu=index,name,compute_cap --format=csv,noheader}, on sample output. */
class NvidiaSmiTest {

  @Test
  void parsesOneLinePerGpu() {
    String output = """
        0, NVIDIA A100-SXM4-40GB, 8.0
        1, NVIDIA A100-SXM4-40GB, 8.0
        2, Tesla V100-PCIE-16GB, 7.0
        """;
    assertEquals(List.of(new Gpu(0, "NVIDIA A100-SXM4-40GB", 8, 0), new Gpu(1, "NVIDIA A100-SXM4-40GB", 8, 0),
        new Gpu(2, "Tesla V100-PCIE-16GB", 7, 0)), NvidiaSmi.parse(output));
  }

  @Test
  void toleratesCarriageReturnsBlankLinesAndCommasInNames() {
    assertEquals(List.of(new Gpu(3, "NVIDIA H100 80GB HBM3", 9, 0), new Gpu(4, "Odd, Name", 8, 6)),
        NvidiaSmi.parse("3, NVIDIA H100 80GB HBM3, 9.0\r\n\r\n4, Odd, Name, 8.6\r\n"));
  }

  @Test
  void noOutputMeansNoGpu() {
    assertEquals(List.of(), NvidiaSmi.parse(""));
    assertEquals(List.of(), NvidiaSmi.parse("\n"));
  }

  @Test
  void otherOutputIsAnError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> NvidiaSmi.parse("0, NVIDIA A100-SXM4-40GB, [N/A]\n"));
    assertEquals("nvidia-smi --query-gpu=index,name,compute_cap --format=csv,noheader: expected lines "
        + "'<index>, <name>, <major>.<minor>', found '0, NVIDIA A100-SXM4-40GB, [N/A]'", e.getMessage());
  }

  @Test
  void comparesCapabilities() {
    Gpu a100 = new Gpu(0, "NVIDIA A100", 8, 0);
    assertTrue(a100.atLeast(3, 7));
    assertTrue(a100.atLeast(8, 0));
    assertFalse(a100.atLeast(8, 6));
    assertFalse(a100.atLeast(9, 0));
    assertEquals("GPU 0 (NVIDIA A100, compute capability 8.0)", a100.describe());
  }
}
