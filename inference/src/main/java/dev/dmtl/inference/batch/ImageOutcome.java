package dev.dmtl.inference.batch;

import dev.dmtl.contract.rows.Stage;
import java.util.List;
import java.util.Objects;

/** What became of one input image: predicted faces, or the stage where it stopped. */
public sealed interface ImageOutcome {

  /**
   * The image decoded and every face was predicted.
   *
   * @param sha256 lower-case hex SHA-256 of the encoded bytes
   * @param width upright width in pixels (EXIF orientation applied)
   * @param height upright height in pixels
   * @param faces at least one
   */
  record Analyzed(String sha256, int width, int height, List<AnalyzedFace> faces)
      implements ImageOutcome {
    public Analyzed {
      Objects.requireNonNull(sha256, "sha256");
      faces = List.copyOf(faces);
      if (faces.isEmpty()) {
        throw new IllegalArgumentException("an analysed image has at least one face");
      }
    }
  }

  /**
   * The image produced no row.
   *
   * @param stage where it stopped
   * @param errorClass simple class name of the cause
   * @param message one line a user can act on
   */
  record Failed(Stage stage, String errorClass, String message) implements ImageOutcome {
    public Failed {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(errorClass, "errorClass");
      Objects.requireNonNull(message, "message");
    }
  }
}
