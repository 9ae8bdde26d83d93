package io.g2lstm.spark.train;

import io.g2lstm.common.DataException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Block-momentum model averaging (BMUF: Chen and Huo, "Scalable training of deep learning machines by incremental
 * block training with intra-block parallel optimization and blockwise model-update filtering", ICASSP 2016), run on
 * the driver around deeplearning4j-spark's averaging rounds.
 *
 * <p>The driver keeps the global model {@code W} and the block update {@code Delta} (flat vectors of the
 * parameters, length P). A round's replicas start from {@code W_g = W + mu Delta} (Nesterov; {@code W} without it),
 * each trains its share of minibatches, and their average {@code avg} comes back. Then
 * <pre>
 *   G     = avg - W_g                  the block gradient: how far the replicas moved, on average
 *   Delta = mu Delta + zeta G          block momentum mu, block learning rate zeta
 *   W     = W + Delta
 * </pre>
 * With {@code mu = 0, zeta = 1} this is the plain average. Averaging N replicas moves the model about as far as one
 * replica's share of the data would; {@code mu = 1 - 1/N} with {@code zeta = 1} makes the long-run step
 * {@code zeta / (1 - mu) = N} times the average's, what the N replicas' data would have moved one learner. The first
 * {@code warmupRounds} rounds average plainly, with {@code Delta = 0}.
 *
 * <p>Between rounds the driver's model holds {@code W}, so validation and checkpoints see the filtered model, not the
 * look-ahead. {@code Delta} and the round count go into each checkpoint ({@value #FILE}), so a resumed run continues
 * exactly as an uninterrupted one.
 */
final class BlockMomentum {

  /** In a checkpoint directory: the block update and the round count. */
  static final String FILE = "block-momentum.bin";
  private static final String MAGIC = "g2lstm block momentum v1";

  private final Averaging averaging;
  private final INDArray model;
  private final INDArray delta;
  private long rounds;

  private BlockMomentum(Averaging averaging, INDArray model, INDArray delta, long rounds) {
    this.averaging = averaging;
    this.model = model;
    this.delta = delta;
    this.rounds = rounds;
  }

  /** A fresh start from {@code parameters} (copied), with no block update yet. */
  static BlockMomentum start(Averaging averaging, INDArray parameters) {
    return new BlockMomentum(averaging, parameters.dup(), Nd4j.zerosLike(parameters), 0);
  }

  /**
   * Continues from a checkpoint whose model holds {@code parameters}, reading its block update; empty when the
   * checkpoint has none (it was trained with plain averaging or one worker).
   *
   * @param origin the checkpoint as the user knows it, for messages
   */
  static Optional<BlockMomentum> resume(Averaging averaging, INDArray parameters, Path directory, String origin) {
    Path file = directory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String name = origin + "/" + FILE;
    String magic;
    long rounds;
    INDArray delta;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      magic = in.readUTF();
      rounds = in.readLong();
      delta = magic.equals(MAGIC) ? Nd4j.read(in) : null;
    } catch (IOException | RuntimeException e) {
      // ND4J reports a truncated array with unchecked exceptions of its own
      throw DataException.in(name, "a block-momentum state", "one that cannot be read (" + e + ")");
    }
    if (!magic.equals(MAGIC)) {
      throw DataException.in(name, "'" + MAGIC + "'", "'" + magic + "'");
    }
    if (delta.length() != parameters.length() || delta.dataType() != parameters.dataType()) {
      throw DataException.in(name, "a block update of " + parameters.length() + " " + parameters.dataType()
          + " values (the model's parameters)", delta.length() + " " + delta.dataType() + " values");
    }
    return Optional.of(new BlockMomentum(averaging, parameters.dup(), delta.reshape(parameters.shape()), rounds));
  }

  /** Before a round is sent out: the driver's model ({@code W}) becomes the round's starting point. */
  void startRound(INDArray parameters) {
    if (averaging.nesterov()) {
      parameters.addi(delta.mul(averaging.momentum()));
    }
  }

  /** After a round: {@code parameters} holds the replicas' average, and becomes the updated {@code W}. */
  void finishRound(INDArray parameters) {
    boolean warmingUp = rounds < averaging.warmupRounds();
    rounds++;
    if (warmingUp) {
      model.assign(parameters);
      return;
    }
    INDArray blockGradient = parameters.sub(model);
    if (averaging.nesterov()) {
      blockGradient.subi(delta.mul(averaging.momentum()));
    }
    delta.muli(averaging.momentum()).addi(blockGradient.muli(averaging.learningRate()));
    model.addi(delta);
    parameters.assign(model);
  }

  /** Rounds finished so far in the run. */
  long rounds() {
    return rounds;
  }

  /** Writes the block update and round count into a checkpoint directory being written. */
  void write(Path directory) {
    Path file = directory.resolve(FILE);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeUTF(MAGIC);
      out.writeLong(rounds);
      Nd4j.write(delta, out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }
}
