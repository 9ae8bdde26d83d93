package io.g2lstm.spark.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/getGpusResources.sh, run against a simulated nvidia-smi, prints what Spark parses as the GPU resource. */
class GpuDiscoveryScriptTest {

  private static final Path SCRIPT = Path.of("..", "deploy", "getGpusResources.sh");

  @TempDir
  Path bin;

  private record Run(int exitStatus, String output) {}

  private Run discover(String fakeNvidiaSmi) throws IOException, InterruptedException {
    Path nvidiaSmi = bin.resolve("nvidia-smi");
    Files.writeString(nvidiaSmi, "#!/bin/sh\n" + fakeNvidiaSmi + "\n");
    Files.setPosixFilePermissions(nvidiaSmi, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), output);
  }

  @Test
  void printsEveryGpuAsSparkExpects() throws Exception {
    assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " must be executable");
    Run run = discover("printf '0\\n1\\n2\\n3\\n'");
    assertEquals(0, run.exitStatus(), run.output());
    assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\",\"1\",\"2\",\"3\"]}\n", run.output());
    ResourceInformation gpus = ResourceInformation.parseJson(run.output());
    assertEquals("gpu", gpus.name());
    assertArrayEquals(new String[] {"0", "1", "2", "3"}, gpus.addresses());
  }

  @Test
  void failsWhenNvidiaSmiFails() throws Exception {
    Run run = discover("echo 'No devices were found'; exit 6");
    assertNotEquals(0, run.exitStatus());
    assertTrue(run.output().contains("No devices were found"), run.output());
  }
}
