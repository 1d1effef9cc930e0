package dev.dmtl.training;

import dev.dmtl.training.net.DmtlNetwork;
import dev.dmtl.training.optim.SgdNesterov;
import java.io.IOException;

/**
 * Which checkpoints a run keeps after an epoch: {@code last.ckpt} always (with the optimiser, so
 * {@code --resume} continues bit for bit), {@code best.ckpt} when the validation score is the best
 * so far (weights only), and every epoch's weights when the config asks for them (for {@code dmtl
 * average}).
 */
final class CheckpointPolicy {

  private final RunFolder folder;
  private final boolean keepEpochs;

  CheckpointPolicy(RunFolder folder, boolean keepEpochs) {
    this.folder = folder;
    this.keepEpochs = keepEpochs;
  }

  /**
   * Saves what the policy keeps after an epoch.
   *
   * @param best whether this epoch's score is the best so far
   */
  void afterEpoch(Checkpoint.State state, boolean best, DmtlNetwork net, SgdNesterov optimizer)
      throws IOException {
    Checkpoint.save(folder.lastCheckpoint(), state, net, optimizer);
    if (best) {
      Checkpoint.save(folder.bestCheckpoint(), state, net, null);
    }
    if (keepEpochs) {
      Checkpoint.save(folder.epochCheckpoint(state.epoch()), state, net, null);
    }
  }
}
