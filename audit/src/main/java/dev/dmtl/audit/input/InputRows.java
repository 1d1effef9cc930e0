package dev.dmtl.audit.input;

import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.rows.Stage;

/**
 * Every input (image) the run saw, for coverage: whether it produced a prediction and, if not,
 * where it stopped.
 *
 * @param n inputs
 * @param covered per input: at least one prediction row
 * @param stage per input: the dead-letter stage, null when covered
 * @param labels per input the labels read from its name, or null when labels are not known for
 *     inputs (label source {@code columns}); {@link FaceLabels#NONE} when the name does not parse
 */
public record InputRows(int n, boolean[] covered, Stage[] stage, FaceLabels[] labels) {

  public boolean labelled() {
    return labels != null;
  }
}
