package dev.dmtl.reports.input;

import dev.dmtl.audit.examples.ExampleMap;
import dev.dmtl.audit.examples.WorstError;
import dev.dmtl.reports.examples.ExampleCrop;
import java.util.Objects;

/**
 * A worst-error example with its crop.
 *
 * @param error the error
 * @param crop the downscaled face, or why there is none
 * @param map the face's saliency map of the error's task, or null when the run has no maps ({@code
 *     --cams})
 */
public record Example(WorstError error, ExampleCrop crop, ExampleMap map) {
  public Example {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(crop, "crop");
  }

  /** An example without a map. */
  public Example(WorstError error, ExampleCrop crop) {
    this(error, crop, null);
  }
}
