package dev.dmtl.inference.batch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;

/**
 * Faces per model call ({@code --batch-size}), checked once where a user gives it: every component
 * that batches (the input source, the worker, {@link BatchAnalyzer}) takes this type, so none has
 * to check again. Written as the bare number in provenance.
 *
 * @param faces at least 1
 */
public record BatchSize(int faces) implements Serializable {

  /** The default, the paper's. */
  public static final BatchSize DEFAULT = new BatchSize(32);

  public BatchSize {
    if (faces < 1) {
      throw new IllegalArgumentException("--batch-size must be >= 1, got " + faces);
    }
  }

  @JsonCreator
  public static BatchSize of(int faces) {
    return new BatchSize(faces);
  }

  @JsonValue
  @Override
  public int faces() {
    return faces;
  }
}
