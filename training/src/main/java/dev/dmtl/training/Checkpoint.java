package dev.dmtl.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import dev.dmtl.training.net.DmtlNetwork;
import dev.dmtl.training.optim.SgdNesterov;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Network weights, BatchNorm statistics, optimiser momentum and the position in the schedule, saved
 * after an epoch. Resuming from it continues bit-for-bit as if the run had not stopped, because
 * every epoch re-seeds its shuffling, augmentation and dropout from (seed, epoch).
 */
public final class Checkpoint {

  private static final String MAGIC = "DMTL-CKPT-1";

  /** Where a run stands after {@code epoch} completed epochs. */
  public record State(int epoch, long step, double bestScore) {}

  private Checkpoint() {}

  public static void save(Path file, State state, DmtlNetwork net, SgdNesterov optimizer)
      throws IOException {
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
  public static State load(Path file, NDManager manager, DmtlNetwork net, SgdNesterov optimizer)
      throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IncompatibleWeightsException(file + ": not a dmtl training checkpoint");
      }
      State state = new State(in.readInt(), in.readLong(), in.readDouble());
      // DJL loads arrays with the shapes they were saved with, so a checkpoint of another network
      // shape would load "fine" and fail later inside a convolution: compare the shapes here.
      List<Shape> expected = new ArrayList<>();
      for (Pair<String, Parameter> p : net.getParameters()) {
        expected.add(p.getValue().getArray().getShape());
      }
      try {
        net.loadParameters(manager, in);
      } catch (MalformedModelException e) {
        throw new IncompatibleWeightsException(
            file + ": weights do not fit this network configuration: " + e.getMessage(), e);
      }
      ParameterList params = net.getParameters();
      for (int i = 0; i < params.size(); i++) {
        Shape loaded = params.valueAt(i).getArray().getShape();
        if (!loaded.equals(expected.get(i))) {
          throw new IncompatibleWeightsException(
              file
                  + ": weights do not fit this network configuration: "
                  + params.keyAt(i)
                  + " is "
                  + loaded
                  + " in the checkpoint, "
                  + expected.get(i)
                  + " in the network");
        }
      }
      boolean hasOptimizer = in.readBoolean();
      if (optimizer != null) {
        if (hasOptimizer) {
          optimizer.load(in);
        }
        optimizer.attachGradients();
      }
      return state;
    } catch (EOFException | UTFDataFormatException e) {
      // a file cut short (a copy that did not finish) or one that is not a checkpoint at all
      throw new IncompatibleWeightsException(
          file + ": truncated or not a dmtl training checkpoint", e);
    }
  }
}
