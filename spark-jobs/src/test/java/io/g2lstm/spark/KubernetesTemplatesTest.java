package io.g2lstm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.deploy.k8s.KubernetesUtils;
import org.apache.spark.deploy.k8s.SparkPod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.Option;

/**
 * The pod templates of {@code deploy/kubernetes/}, loaded as spark-submit loads them (Spark's
 * {@code KubernetesUtils.loadPodFromTemplate}, no cluster needed): each parses, names the container Spark is told to
 * use, and asks for what its variant needs; and the Dockerfile copies files the build makes.
 */
class KubernetesTemplatesTest {

  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Quantity NO_GPU = new Quantity("0");

  private static KubernetesClient client;

  @TempDir
  Path dir;

  @BeforeAll
  static void client() {
    client = new KubernetesClientBuilder().build();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static SparkPod load(Path template, String container) {
    return KubernetesUtils.loadPodFromTemplate(client, template.toString(), Option.apply(container),
        new SparkConf(false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"driver-cpu", "executor-cpu", "driver-gpu", "executor-gpu"})
  void everyTemplateLoadsWithItsContainerAndResources(String name) {
    String role = name.substring(0, name.indexOf('-'));
    boolean gpu = name.endsWith("-gpu");
    SparkPod loaded = load(DEPLOY.resolve("kubernetes").resolve(name + ".yaml"), role);
    Container container = loaded.container();
    Pod pod = loaded.pod();
    assertEquals(role, container.getName(), "the container spark.kubernetes." + role + ".podTemplateContainerName "
        + "names");
    assertEquals(Map.of("app.kubernetes.io/name", "g2lstm", "app.kubernetes.io/component", role),
        pod.getMetadata().getLabels());
    assertEquals(185L, pod.getSpec().getSecurityContext().getRunAsUser(), "Spark's image user");
    assertTrue(container.getEnv().contains(new EnvVar("OMP_NUM_THREADS", "1", null)), container.getEnv().toString());
    Map<String, Quantity> limits = container.getResources().getLimits();
    assertEquals(new Quantity("40Gi"), limits.get("ephemeral-storage"));
    assertEquals(List.of("/scratch"), container.getVolumeMounts().stream().map(m -> m.getMountPath())
        .filter(p -> p.equals("/scratch")).toList(), "scratch.directory's volume");
    Quantity gpus = limits.getOrDefault("nvidia.com/gpu", NO_GPU);
    if (gpu) {
      assertEquals(new Quantity(role.equals("driver") ? "1" : "4"), gpus, "the GPUs of deploy/spark-gpu.conf");
      assertEquals("true", pod.getSpec().getNodeSelector().get("nvidia.com/gpu.present"));
      assertTrue(pod.getSpec().getTolerations().stream().anyMatch(t -> "nvidia.com/gpu".equals(t.getKey())));
      assertTrue(container.getEnv().contains(new EnvVar("CUDA_DEVICE_ORDER", "PCI_BUS_ID", null)));
    } else {
      assertEquals(NO_GPU, gpus, "no GPU on CPU nodes");
      assertTrue(pod.getSpec().getTolerations().isEmpty());
    }
  }

  @Test
  void aBrokenTemplateFailsToLoad() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n"
        + "    - name: executor\n      resources: [not, a, map]\n");
    assertThrows(SparkException.class, () -> load(broken, "executor"));
  }

  @Test
  void theDockerfileCopiesTheApplicationJarAndTheDiscoveryScript() throws Exception {
    String dockerfile = Files.readString(DEPLOY.resolve("kubernetes").resolve("Dockerfile"));
    Matcher version = Pattern.compile("(?m)^ARG VERSION=(\\S+)$").matcher(dockerfile);
    assertTrue(version.find(), "ARG VERSION");
    Matcher projectVersion = Pattern.compile("<artifactId>g2lstm-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("..", "pom.xml")));
    assertTrue(projectVersion.find(), "the parent's version in pom.xml");
    assertEquals(projectVersion.group(1), version.group(1), "the jar name the build makes");
    assertTrue(dockerfile.contains("COPY spark-jobs/target/g2lstm-${VERSION}.jar /opt/g2lstm/"));
    assertTrue(dockerfile.contains("COPY deploy/getGpusResources.sh /opt/g2lstm/getGpusResources.sh"));
    assertTrue(Files.isRegularFile(DEPLOY.resolve("getGpusResources.sh")));
    assertFalse(dockerfile.contains("latest"), "images are pinned");
  }
}
