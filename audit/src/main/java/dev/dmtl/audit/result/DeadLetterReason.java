package dev.dmtl.audit.result;

import dev.dmtl.contract.rows.Stage;
import java.util.Objects;

/**
 * Inputs lost for one reason: a stage and the error class behind it. Coverage counts dead letters
 * by stage; the reason tells a reader whether inputs were lost to corrupt files, unsupported
 * formats or undetected faces.
 *
 * @param stage the stage
 * @param errorClass the error class, e.g. {@code EOFException}; {@code unknown} when the file has
 *     none
 * @param count dead letters with this stage and error class
 * @param example one message of this kind (the first seen), or null
 */
public record DeadLetterReason(Stage stage, String errorClass, long count, String example) {

  public DeadLetterReason {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(errorClass, "errorClass");
    if (count < 1) {
      throw new IllegalArgumentException("a reason counts at least one dead letter, got " + count);
    }
  }
}
