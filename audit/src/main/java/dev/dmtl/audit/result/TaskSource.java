package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where the audit learned the model's task list. */
public enum TaskSource {
  /**
   * The {@code dmtl.run} JSON in the Parquet footer (labels and ranks as the model declares them).
   */
  FOOTER,
  /**
   * The column names and values ({@code <task>_pred}, {@code <task>_expected}, …) because the
   * footer had no usable task list: label order is then the UTKFace order when the labels are
   * UTKFace's, else sorted.
   */
  COLUMNS;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
