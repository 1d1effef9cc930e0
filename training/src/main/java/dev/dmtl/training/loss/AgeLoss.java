package dev.dmtl.training.loss;

import java.util.Locale;

/** How the age head is trained (Table IV ablation). */
public enum AgeLoss {
  /** K−1 binary classifiers "age &gt; r_k", summed BCE (Eq. 7): the paper's method. */
  ORDINAL,
  /** One softmax over the K ranks, cross-entropy: the nominal baseline. */
  SOFTMAX;

  public static AgeLoss parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
