package dev.dmtl.resultsdb;

import dev.dmtl.contract.run.RunProvenance;
import java.util.Objects;

/**
 * What the {@code runs} row says when a run starts.
 *
 * @param provenance the run's provenance (run id, model with SHA-256, tool version, options)
 */
public record RunStart(RunProvenance provenance) {
  public RunStart {
    Objects.requireNonNull(provenance, "provenance");
  }
}
