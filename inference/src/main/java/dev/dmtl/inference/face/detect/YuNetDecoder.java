package dev.dmtl.inference.face.detect;

import dev.dmtl.inference.face.FaceDetection;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns YuNet's per-cell output into face candidates in the original photo's pixel coordinates. The
 * decoding is the anchor-free one of OpenCV's {@code FaceDetectorYN} (face_detect.cpp) and
 * libfacedetection.train: for the cell at column c, row r of a head with stride s,
 *
 * <ul>
 *   <li>score = sqrt(clamp(cls) * clamp(obj)), both clamped to [0, 1];
 *   <li>box centre = ((c + bbox[0]) * s, (r + bbox[1]) * s), size = (exp(bbox[2]) * s, exp(bbox[3])
 *       * s);
 *   <li>landmark k = ((c + kps[2k]) * s, (r + kps[2k+1]) * s).
 * </ul>
 *
 * Coordinates are then divided by the letterbox scale. Boxes are clipped to the photo; landmarks
 * are not (a face cut by the border still aligns by where its eyes would be).
 */
public final class YuNetDecoder {

  private YuNetDecoder() {}

  /**
   * Candidates of one image of the batch whose score is at least {@code scoreThreshold} and whose
   * unclipped box is at least {@code minFaceSize} source pixels wide and high, in cell order (not
   * yet suppressed).
   */
  public static List<FaceDetection> decode(
      YuNetOutputs outputs,
      int image,
      Letterbox letterbox,
      double scoreThreshold,
      double minFaceSize) {
    if (image < 0 || image >= outputs.batch()) {
      throw new IndexOutOfBoundsException("image " + image + " of a batch of " + outputs.batch());
    }
    double sx = letterbox.scaleX();
    double sy = letterbox.scaleY();
    List<FaceDetection> faces = new ArrayList<>();
    for (YuNetOutputs.Level level : outputs.levels()) {
      int stride = level.stride();
      int cols = outputs.paddedWidth() / stride;
      int rows = outputs.paddedHeight() / stride;
      int base = image * cols * rows;
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          int cell = base + r * cols + c;
          float score = (float) Math.sqrt(clamp01(level.cls()[cell]) * clamp01(level.obj()[cell]));
          if (score < scoreThreshold) {
            continue;
          }
          float[] b = level.bbox();
          double cx = (c + b[cell * 4]) * stride * sx;
          double cy = (r + b[cell * 4 + 1]) * stride * sy;
          double w = Math.exp(b[cell * 4 + 2]) * stride * sx;
          double h = Math.exp(b[cell * 4 + 3]) * stride * sy;
          if (w < minFaceSize || h < minFaceSize) {
            continue;
          }
          double x1 = Math.max(0, cx - w / 2);
          double y1 = Math.max(0, cy - h / 2);
          double x2 = Math.min(letterbox.sourceWidth(), cx + w / 2);
          double y2 = Math.min(letterbox.sourceHeight(), cy + h / 2);
          if (!(x2 > x1 && y2 > y1)) {
            continue; // entirely outside the photo, i.e. in the padding
          }
          float[] landmarks = new float[2 * YuNetOutputs.LANDMARKS];
          float[] k = level.kps();
          int kb = cell * 2 * YuNetOutputs.LANDMARKS;
          for (int n = 0; n < YuNetOutputs.LANDMARKS; n++) {
            landmarks[2 * n] = (float) ((c + k[kb + 2 * n]) * stride * sx);
            landmarks[2 * n + 1] = (float) ((r + k[kb + 2 * n + 1]) * stride * sy);
          }
          faces.add(
              new FaceDetection(
                  (float) x1, (float) y1, (float) (x2 - x1), (float) (y2 - y1), score, landmarks));
        }
      }
    }
    return faces;
  }

  private static double clamp01(float v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }
}
