package dev.dmtl.audit.result;

import java.util.List;
import java.util.Objects;

/**
 * Which inputs the audit's rows come from, and which were lost before a prediction. Missing faces
 * are a fairness problem too: a detector that fails more often on some group hides that group's
 * errors from every other table.
 *
 * @param perGroup true when labels were known for dead letters too (label source {@code
 *     utkface-names}), so rows exist per group; false: only the overall row
 * @param unlabelledInputs inputs whose labels could not be read (counted in the overall row only)
 * @param rows overall first, then every group of every grouping in the audit's order
 */
public record Coverage(boolean perGroup, long unlabelledInputs, List<CoverageRow> rows) {

  public Coverage {
    rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
  }

  public CoverageRow overall() {
    return rows.get(0);
  }
}
