package dev.dmtl.inference.explain;

import dev.dmtl.contract.model.HeadWeights;
import dev.dmtl.contract.model.TaskSpec;

/**
 * Exact class activation maps from a task's feature maps A and head weights W (paper Fig. 5). The
 * head is global average pooling then a linear layer, {@code z_j = Σ_k W[j,k]·mean(A_k) + b_j}, so
 * a cell's share of any linear function of the pooled features is exact, not an approximation:
 *
 * <ul>
 *   <li>nominal: the predicted class c's map {@code Σ_k W[c,k]·A_k(y, x)} (logit units); its mean
 *       over the cells is {@code z_c − b_c}.
 *   <li>ordinal: Grad-CAM of the expected rank {@code E = r_1 + Σ_j σ(z_j)·(r_{j+1} − r_j)}: the
 *       weights are {@code ∂E/∂ā_k = Σ_j σ'(z_j)·Δr_j·W[j,k]} and the map is {@code Σ_k (∂E/∂ā_k)
 *       ·A_k(y, x)} (rank units, years for age). Linear in A, so its mean over the cells is the
 *       first-order change of E when the features go from zero to A.
 * </ul>
 *
 * Values are signed and not normalised ({@link SaliencyMap}).
 */
public final class ClassActivationMaps {

  private ClassActivationMaps() {}

  /**
   * Face {@code face}'s map of nominal class {@code predicted}.
   *
   * @param weights the task's head weights, {@code outputWidth × C}
   * @param features the task's feature maps for the batch
   * @param predicted the class the decoded prediction reports, so that the map is that class's
   */
  public static SaliencyMap nominal(
      TaskSpec task, HeadWeights weights, FeatureMaps features, int face, int predicted) {
    return map(task, weights, features, face, weights(weights, predicted));
  }

  /**
   * Face {@code face}'s Grad-CAM of the expected rank of ordinal task {@code task}.
   *
   * @param weights the task's head weights, {@code outputWidth × C}
   * @param features the task's feature maps for the batch
   * @param logits the face's logits for the task (its slice), as the same model call returned them
   */
  public static SaliencyMap ordinal(
      TaskSpec task, HeadWeights weights, FeatureMaps features, int face, float[] logits) {
    return map(task, weights, features, face, expectedRankGradient(task, weights, logits));
  }

  private static SaliencyMap map(
      TaskSpec task, HeadWeights weights, FeatureMaps features, int face, double[] channelWeights) {
    if (weights.channels() != features.channels()) {
      throw new IllegalArgumentException(
          "task '"
              + task.name()
              + "': head weights have "
              + weights.channels()
              + " channels, feature maps "
              + features.channels());
    }
    int h = features.height();
    int w = features.width();
    float[] map = new float[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double sum = 0;
        for (int k = 0; k < channelWeights.length; k++) {
          sum += channelWeights[k] * features.at(face, k, y, x);
        }
        map[y * w + x] = (float) sum;
      }
    }
    return new SaliencyMap(task.name(), SaliencyMethod.CLASS_ACTIVATION, h, w, map);
  }

  /** {@code ∂E/∂ā_k = Σ_j σ(z_j)(1 − σ(z_j))·(r_{j+1} − r_j)·W[j,k]}. */
  static double[] expectedRankGradient(TaskSpec task, HeadWeights weights, float[] logits) {
    double[] g = new double[weights.channels()];
    for (int j = 0; j < weights.rows(); j++) {
      double p = 1 / (1 + Math.exp(-logits[j]));
      double step = task.ranks().get(j + 1) - task.ranks().get(j);
      double factor = p * (1 - p) * step;
      if (factor == 0) {
        continue;
      }
      for (int k = 0; k < g.length; k++) {
        g[k] += factor * weights.at(j, k);
      }
    }
    return g;
  }

  private static double[] weights(HeadWeights weights, int row) {
    double[] g = new double[weights.channels()];
    for (int k = 0; k < g.length; k++) {
      g[k] = weights.at(row, k);
    }
    return g;
  }
}
