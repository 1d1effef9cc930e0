package dev.dmtl.contract.rows;

/**
 * Column names of the prediction and dead-letter Parquet files (documented in {@code
 * docs/OUTPUT_SCHEMA.md}). Per-task columns are derived from the task name declared by the model,
 * so a model with other tasks still gets a well-formed file.
 */
public final class PredictionColumns {

  // one row per face
  public static final String SOURCE = "source";
  public static final String ENTRY = "entry";

  /**
   * The input's path relative to the folder or glob it was found under, the path as written in an
   * input list, or the archive entry name: the key labels and audit attributes are joined by.
   */
  public static final String RELATIVE_PATH = "relative_path";

  public static final String IMAGE_SHA256 = "image_sha256";
  public static final String IMAGE_WIDTH = "image_width";
  public static final String IMAGE_HEIGHT = "image_height";
  public static final String FACE_INDEX = "face_index";
  public static final String FACE_X = "face_x";
  public static final String FACE_Y = "face_y";
  public static final String FACE_W = "face_w";
  public static final String FACE_H = "face_h";
  public static final String FACE_SCORE = "face_score";
  public static final String FACE_LANDMARKS = "face_landmarks";

  // saliency maps (dmtl infer --cams only; docs/OUTPUT_SCHEMA.md, "Saliency maps")
  /** How every row's maps were made: {@code cam} or {@code occlusion} (string). */
  public static final String CAM_METHOD = "cam_method";

  /** Rows of every map (int): the grid over the aligned crop, row 0 at the top. */
  public static final String CAM_HEIGHT = "cam_height";

  /** Columns of every map (int). */
  public static final String CAM_WIDTH = "cam_width";

  // dead letters
  public static final String STAGE = "stage";
  public static final String ERROR_CLASS = "error_class";
  public static final String MESSAGE = "message";

  private PredictionColumns() {}

  /** Ordinal: rank by Eq. 6 (int). Nominal: predicted label (string). */
  public static String predicted(String task) {
    return task + "_pred";
  }

  /** Ordinal only: expected rank under the threshold probabilities (double). */
  public static String expected(String task) {
    return task + "_expected";
  }

  /**
   * Ordinal: the K−1 threshold probabilities. Nominal: the C label probabilities (list of float).
   */
  public static String probabilities(String task) {
    return task + "_probs";
  }

  /** Nominal only: probability of the predicted label (float). */
  public static String confidence(String task) {
    return task + "_confidence";
  }

  /**
   * The task's saliency map ({@code --cams} only): {@code cam_height × cam_width} floats,
   * row-major, signed and not normalised (dev.dmtl.inference.explain.SaliencyMap).
   */
  public static String cam(String task) {
    return task + "_cam";
  }

  /** Ground truth. Ordinal: exact rank (int, null for ranges). Nominal: label (string). */
  public static String label(String task) {
    return "label_" + task;
  }

  /** Ordinal ground truth given as a range (Adience): lower bound (int). */
  public static String labelMin(String task) {
    return "label_" + task + "_min";
  }

  /** Ordinal ground truth given as a range (Adience): upper bound (int). */
  public static String labelMax(String task) {
    return "label_" + task + "_max";
  }
}
