package dev.dmtl.inference.explain;

/**
 * How a {@link SaliencyMap} was made. Every output that carries a map names its method, because the
 * two answer different questions and are not interchangeable.
 */
public enum SaliencyMethod {
  /**
   * Exact class activation map from the model's declared last feature maps and head weights
   * (docs/MODEL_CONTRACT.md, "explain"): one ONNX Runtime call, exact for a global-average-pooling
   * plus linear head.
   */
  CLASS_ACTIVATION("cam", "class activation map"),
  /** Occlusion sensitivity: grey patches, one extra model call per cell (any contract model). */
  OCCLUSION("occlusion", "occlusion sensitivity");

  private final String jsonName;
  private final String description;

  SaliencyMethod(String jsonName, String description) {
    this.jsonName = jsonName;
    this.description = description;
  }

  /** The name in JSON, CSV, Parquet footers and on the command line. */
  public String jsonName() {
    return jsonName;
  }

  /** The method's name as legends and reports write it. */
  public String description() {
    return description;
  }

  /**
   * The method named {@code name} in JSON or on the command line.
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static SaliencyMethod of(String name) {
    for (SaliencyMethod m : values()) {
      if (m.jsonName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown saliency method '" + name + "' (cam or occlusion)");
  }
}
