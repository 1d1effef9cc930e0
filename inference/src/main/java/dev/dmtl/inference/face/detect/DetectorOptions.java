package dev.dmtl.inference.face.detect;

/**
 * How the face detector turns network output into faces.
 *
 * @param scoreThreshold minimum face score in (0, 1]; the score is {@code sqrt(cls * obj)} as in
 *     OpenCV's {@code FaceDetectorYN}. Default {@value #DEFAULT_SCORE_THRESHOLD}
 * @param nmsIou two faces whose boxes overlap with intersection-over-union above this value are one
 *     face (the lower-scoring one is dropped); in (0, 1]. Default {@value #DEFAULT_NMS_IOU}
 * @param topK at most this many of the highest-scoring candidates enter non-maximum suppression, so
 *     at most this many faces come out of one image (OpenCV's {@code top_k}); &gt;= 1. Default
 *     {@value #DEFAULT_TOP_K}
 * @param minFaceSize faces whose box is narrower or lower than this many pixels of the original
 *     image are dropped before suppression; &gt;= 0, 0 keeps all. Default {@value
 *     #DEFAULT_MIN_FACE_SIZE}
 * @param maxSide images whose longer side exceeds this many pixels are scaled down (aspect kept) to
 *     this size before detection; smaller images are never enlarged. &gt;= 32. Default {@value
 *     #DEFAULT_MAX_SIDE}, the size YuNet is published for. Ignored by a fixed-size model (e.g.
 *     {@code yunet_s_640_640.onnx}), which gets photos scaled to fit its input
 * @param threads ONNX Runtime intra-op threads of the detector session; 0 lets ONNX Runtime use all
 *     cores. Default 1: the pipeline parallelises over images, not inside one
 */
public record DetectorOptions(
    double scoreThreshold, double nmsIou, int topK, double minFaceSize, int maxSide, int threads)
    implements java.io.Serializable {

  /** See docs/BENCHMARKS.md "Face detection" for the evidence behind each default. */
  public static final double DEFAULT_SCORE_THRESHOLD = 0.86;

  public static final double DEFAULT_NMS_IOU = 0.3;
  public static final int DEFAULT_TOP_K = 5000;
  public static final double DEFAULT_MIN_FACE_SIZE = 16;
  public static final int DEFAULT_MAX_SIDE = 640;
  public static final int DEFAULT_THREADS = 1;

  public DetectorOptions {
    if (!(scoreThreshold > 0 && scoreThreshold <= 1)) {
      throw new IllegalArgumentException(
          "face score threshold must be in (0, 1], got " + scoreThreshold);
    }
    if (!(nmsIou > 0 && nmsIou <= 1)) {
      throw new IllegalArgumentException("NMS IoU threshold must be in (0, 1], got " + nmsIou);
    }
    if (topK < 1) {
      throw new IllegalArgumentException("top-k must be at least 1, got " + topK);
    }
    if (!(minFaceSize >= 0) || Double.isInfinite(minFaceSize)) {
      throw new IllegalArgumentException(
          "minimum face size must be a number >= 0 pixels, got " + minFaceSize);
    }
    if (maxSide < YuNetOutputs.MAX_STRIDE) {
      throw new IllegalArgumentException(
          "detector max side must be at least "
              + YuNetOutputs.MAX_STRIDE
              + " pixels, got "
              + maxSide);
    }
    if (threads < 0) {
      throw new IllegalArgumentException(
          "detector threads must be >= 0 (0 = all cores), got " + threads);
    }
  }

  /** The documented defaults. */
  public static DetectorOptions defaults() {
    return new DetectorOptions(
        DEFAULT_SCORE_THRESHOLD,
        DEFAULT_NMS_IOU,
        DEFAULT_TOP_K,
        DEFAULT_MIN_FACE_SIZE,
        DEFAULT_MAX_SIDE,
        DEFAULT_THREADS);
  }

  public DetectorOptions withScoreThreshold(double value) {
    return new DetectorOptions(value, nmsIou, topK, minFaceSize, maxSide, threads);
  }

  public DetectorOptions withNmsIou(double value) {
    return new DetectorOptions(scoreThreshold, value, topK, minFaceSize, maxSide, threads);
  }

  public DetectorOptions withTopK(int value) {
    return new DetectorOptions(scoreThreshold, nmsIou, value, minFaceSize, maxSide, threads);
  }

  public DetectorOptions withMinFaceSize(double value) {
    return new DetectorOptions(scoreThreshold, nmsIou, topK, value, maxSide, threads);
  }

  public DetectorOptions withMaxSide(int value) {
    return new DetectorOptions(scoreThreshold, nmsIou, topK, minFaceSize, value, threads);
  }

  public DetectorOptions withThreads(int value) {
    return new DetectorOptions(scoreThreshold, nmsIou, topK, minFaceSize, maxSide, value);
  }
}
