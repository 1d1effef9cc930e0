package dev.dmtl.contract.decode;

/**
 * A decoded nominal output.
 *
 * @param index argmax of the probabilities (ties go to the lowest index)
 * @param label the label at {@code index}
 * @param probabilities softmax of the logits, in label order, summing to 1
 */
public record NominalPrediction(int index, String label, float[] probabilities) {

  /** Probability of the predicted label: the model's confidence. */
  public float confidence() {
    return probabilities[index];
  }
}
