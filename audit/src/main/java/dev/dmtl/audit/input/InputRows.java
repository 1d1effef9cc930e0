package dev.dmtl.audit.input;

import dev.dmtl.contract.rows.Stage;
import java.util.List;

/**
 * Every input (image) the run saw, for coverage, in a canonical order (by image SHA-256, then
 * address): whether it produced a prediction and, if not, where it stopped; the keys attributes are
 * joined by; and, when known for every kind of input, its labels.
 *
 * @param n inputs
 * @param covered per input: at least one prediction row
 * @param stage per input: the dead-letter stage, null when covered
 * @param address per input its address ({@code source} or {@code source!/entry})
 * @param relativePath per input its relative path, null where the files have none
 * @param imageSha256 per input its SHA-256, null where its bytes were never read
 * @param truth per task its truth for every input; empty when labels are not known for the lost
 *     inputs, so that coverage can only be reported overall
 */
public record InputRows(
    int n,
    boolean[] covered,
    Stage[] stage,
    String[] address,
    String[] relativePath,
    String[] imageSha256,
    List<InputTruth> truth) {

  public InputRows {
    truth = List.copyOf(truth);
  }

  /** Whether labels are known for inputs with and without predictions alike. */
  public boolean labelled() {
    return !truth.isEmpty();
  }
}
