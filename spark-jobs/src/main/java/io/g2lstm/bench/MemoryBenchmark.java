package io.g2lstm.bench;

import io.g2lstm.common.LifecycleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Peak resident memory of the jobs as a user runs them, each in a JVM of its own with this JVM's memory limits (the
 * launcher's, from {@code G2LSTM_MEMORY}): the demo, and on Multi30k (the conf/multi30k.conf model, about 6M
 * parameters) prepare, a short {@code train --local}, {@code evaluate} of test2016 (1,000 sentences, beam 5) and
 * {@code sweep} of the paper's translation grid.
 */
public final class MemoryBenchmark {

  /** One job's figures. */
  public record Job(String name, long peakResidentMib, double seconds) {}

  private MemoryBenchmark() {}

  /**
   * @param jvm how to start the command line in a JVM of its own
   * @param multi30kConfiguration the text of conf/multi30k.conf
   * @param shared the shared folder (its Multi30k data)
   * @param work a scratch directory for the runs' outputs
   * @param trainBatches minibatches of the short training run
   */
  public static List<Job> run(ChildJvm jvm, String multi30kConfiguration, Path shared, Path work,
      int trainBatches) throws IOException, InterruptedException {
    Path conf = Files.writeString(work.resolve("multi30k.conf"), multi30kConfiguration + "\n"
        + "paths.shared = \"" + shared + "\"\npaths.work = \"" + work + "\"\n"
        + "train { epochs = 1, max-batches-per-epoch = " + trainBatches + " }\n");
    List<Job> jobs = new ArrayList<>();
    jobs.add(run(jvm, "demo", work, List.of("demo", "--work", work.resolve("demo").toString())));
    jobs.add(run(jvm, "prepare multi30k", work, List.of("prepare", "--conf", conf.toString(), "--master",
        "local[2]")));
    jobs.add(run(jvm, "train --local multi30k (" + trainBatches + " minibatches of 64)", work, List.of("train",
        "--local", "--conf", conf.toString())));
    String model = work.resolve("multi30k").resolve("train").toString();
    jobs.add(run(jvm, "evaluate multi30k test2016 (1,000 sentences, beam 5)", work, List.of("evaluate", "--model",
        model, "--conf", conf.toString(), "--master", "local[2]")));
    jobs.add(run(jvm, "sweep multi30k (5 settings x 1,000 sentences, beam 5)", work, List.of("sweep", "--model",
        model, "--conf", conf.toString(), "--master", "local[2]")));
    return jobs;
  }

  private static Job run(ChildJvm jvm, String name, Path work, List<String> args)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    ChildJvm.Outcome outcome = jvm.run(args, work.resolve(args.get(0) + ".log"), 3600);
    if (outcome.status() != 0) {
      throw new LifecycleException("bench memory: " + name + ": expected it to succeed, found exit status "
          + outcome.status() + ": " + outcome.output().strip().lines().reduce((a, b) -> b).orElse(""));
    }
    return new Job(name, outcome.peakResidentMib(), (System.nanoTime() - start) / 1e9);
  }
}
