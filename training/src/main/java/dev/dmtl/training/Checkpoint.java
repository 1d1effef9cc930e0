package dev.dmtl.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import dev.dmtl.training.net.DmtlNetwork;
import dev.dmtl.training.optim.SgdNesterov;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Network weights, BatchNorm statistics, optimiser momentum and the position in the schedule,
 * saved after an epoch. Resuming from it continues bit-for-bit as if the run had not stopped,
 * because every epoch re-seeds its shuffling, augmentation and dropout from (seed, epoch).
 */
public final class Checkpoint {

  private static final String MAGIC = "DMTL-CKPT-1";

  /** Where a run stands after {@code epoch} completed epochs. */
  public record State(int epoch, long step, double bestScore) {}

  private Checkpoint() {}

  public static void save(Path file, State state, DmtlNetwork net, SgdNesterov optimizer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(MAGIC);
      out.writeInt(state.epoch());
      out.writeLong(state.step());
      out.writeDouble(state.bestScore());
      net.saveParameters(out);
      if (optimizer != null) {
        out.writeBoolean(true);
        optimizer.save(out);
      } else {
        out.writeBoolean(false);
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    RunFolder.writeAtomically(file, bytes.toByteArray());
  }

  /** Loads weights (and momentum when {@code optimizer} is given) into an initialised network. */
  public static State load(Path file, NDManager manager, DmtlNetwork net, SgdNesterov optimizer) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IOException(file + ": not a dmtl training checkpoint");
      }
      State state = new State(in.readInt(), in.readLong(), in.readDouble());
      try {
        net.loadParameters(manager, in);
      } catch (MalformedModelException e) {
        throw new IOException(file + ": weights do not fit this network configuration: " + e.getMessage(), e);
      }
      boolean hasOptimizer = in.readBoolean();
      if (optimizer != null) {
        if (hasOptimizer) {
          optimizer.load(in);
        }
        optimizer.attachGradients();
      }
      return state;
    }
  }
}
