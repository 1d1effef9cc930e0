package dev.dmtl.reports.input;

import dev.dmtl.audit.examples.WorstError;
import dev.dmtl.reports.examples.ExampleCrop;
import java.util.Objects;

/**
 * A worst-error example with its crop.
 *
 * @param error the error
 * @param crop the downscaled face, or why there is none
 */
public record Example(WorstError error, ExampleCrop crop) {
  public Example {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(crop, "crop");
  }
}
