package dev.dmtl.audit.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where ground-truth labels come from. */
public enum LabelOrigin {
  /**
   * The {@code label_*} columns of the prediction files (written by {@code dmtl infer} when it was
   * given labels). Dead letters carry no labels, so coverage is then reported overall only. The
   * default.
   */
  COLUMNS,
  /**
   * UTKFace file names ({@code age_gender_race_datetime.jpg.chip.jpg}) of each row's {@code entry}
   * (inside an archive) or {@code source}: labels for predictions and dead letters alike, so
   * coverage is reported per group. Names that do not parse leave the row unlabelled. An image with
   * several detected faces contributes only its best face (highest {@code face_score}, then lowest
   * {@code face_index}), because the name labels one person. UTKFace names label the tasks named
   * {@code age}, {@code gender} and {@code race} (the default model's); tasks with other names stay
   * unlabelled.
   */
  UTKFACE_NAMES;

  /** Spelling on the command line and in JSON: {@code columns}, {@code utkface-names}. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static LabelOrigin parse(String value) {
    for (LabelOrigin s : values()) {
      if (s.jsonName().equalsIgnoreCase(value.strip())
          || s.name().equalsIgnoreCase(value.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown label source '" + value + "' (expected columns or utkface-names)");
  }
}
