package dev.dmtl.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.dmtl.training.net.TaskHeads;
import java.util.List;

/**
 * Computes the per-task losses and the joint loss of one batch.
 *
 * <p>Labels are integer arrays in task order; {@code -1} means unknown (e.g. UTKFace names without
 * a race): such a sample contributes nothing to that task and the task loss is the mean over the
 * known samples. Age labels are years; for the ordinal head the targets are {@code [age > r_k]}.
 */
public final class DmtlLoss {

  private final TaskHeads heads;
  private final TaskWeighting weighting;

  public DmtlLoss(TaskHeads heads, TaskWeighting weighting) {
    this.heads = heads;
    this.weighting = weighting;
    if (!weighting.uncertainty() && weighting.fixedWeights().size() != heads.tasks().size()) {
      throw new IllegalArgumentException(
          "fixed weighting needs "
              + heads.tasks().size()
              + " weights, got "
              + weighting.fixedWeights().size());
    }
  }

  /** The joint loss and each task's loss (scalars, still attached to the graph). */
  public record Result(NDArray total, List<NDArray> taskLosses) {}

  /**
   * @param logits network outputs in task order
   * @param labels per task, one int per sample, -1 = unknown
   * @param logVariance the learned s_t (shape [T]); ignored for fixed weighting
   */
  public Result compute(NDList logits, int[][] labels, NDArray logVariance) {
    NDManager manager = logits.head().getManager();
    NDArray total = null;
    NDArray[] taskLosses = new NDArray[heads.tasks().size()];
    for (int t = 0; t < heads.tasks().size(); t++) {
      TaskHeads.Head head = heads.tasks().get(t);
      NDArray z = logits.get(t);
      NDArray loss;
      if (head.spec().kind() == dev.dmtl.contract.model.TaskKind.ORDINAL && !head.softmaxAge()) {
        loss = ordinal(manager, z, labels[t], head.spec().ranks());
      } else if (head.softmaxAge()) {
        int[] indices = new int[labels[t].length];
        for (int i = 0; i < indices.length; i++) {
          indices[i] = labels[t][i] < 0 ? -1 : rankIndex(head.spec().ranks(), labels[t][i]);
        }
        loss = crossEntropy(manager, z, indices);
      } else {
        loss = crossEntropy(manager, z, labels[t]);
      }
      taskLosses[t] = loss;
      NDArray term;
      if (weighting.uncertainty()) {
        NDArray s = logVariance.get(t);
        term = s.neg().exp().mul(loss).add(s.mul(0.5f));
      } else {
        term = loss.mul(weighting.fixedWeights().get(t).floatValue());
      }
      total = total == null ? term : total.add(term);
    }
    return new Result(total, List.of(taskLosses));
  }

  /** Index of the closest rank for an age label, clamped to the rank range. */
  static int rankIndex(List<Integer> ranks, int value) {
    if (value <= ranks.get(0)) {
      return 0;
    }
    for (int i = 1; i < ranks.size(); i++) {
      if (ranks.get(i) >= value) {
        return i;
      }
    }
    return ranks.size() - 1;
  }

  /** Eq. 7: Σ_k BCE(z_k, [y > r_k]), averaged over samples with a known label. */
  static NDArray ordinal(NDManager manager, NDArray z, int[] labels, List<Integer> ranks) {
    int n = labels.length;
    int k = ranks.size() - 1;
    float[] targets = new float[n * k];
    float[] mask = new float[n];
    int known = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        continue;
      }
      mask[i] = 1;
      known++;
      for (int j = 0; j < k; j++) {
        targets[i * k + j] = labels[i] > ranks.get(j) ? 1f : 0f;
      }
    }
    NDArray t = manager.create(targets, new Shape(n, k));
    // stable BCE with logits: max(z,0) − z·t + log(1 + exp(−|z|))
    NDArray bce = z.maximum(0f).sub(z.mul(t)).add(z.abs().neg().exp().add(1f).log());
    NDArray perSample = bce.sum(new int[] {1}).mul(manager.create(mask));
    return perSample.sum().div(Math.max(1, known));
  }

  /** Eq. 3: softmax cross-entropy, averaged over samples with a known label. */
  static NDArray crossEntropy(NDManager manager, NDArray z, int[] labels) {
    int n = labels.length;
    long c = z.getShape().get(1);
    float[] oneHot = new float[(int) (n * c)];
    int known = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] >= 0) {
        if (labels[i] >= c) {
          throw new IllegalArgumentException(
              "label " + labels[i] + " out of range for " + c + " classes");
        }
        oneHot[(int) (i * c + labels[i])] = 1f;
        known++;
      }
    }
    NDArray logp = z.logSoftmax(1);
    NDArray picked = logp.mul(manager.create(oneHot, new Shape(n, c))).sum();
    return picked.neg().div(Math.max(1, known));
  }
}
