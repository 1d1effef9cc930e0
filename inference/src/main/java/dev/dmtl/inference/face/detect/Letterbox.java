package dev.dmtl.inference.face.detect;

/**
 * Where one photo sits in the detector's input. The photo is scaled by {@code min(1, maxSide /
 * longer side)} (aspect kept, never enlarged), placed at the top-left corner, and the rest of the
 * input is zero (black), as OpenCV's {@code FaceDetectorYN} pads. The input's width and height are
 * multiples of 32, the coarsest stride, so every feature-map cell covers whole pixels. Keeping the
 * photo at the origin means mapping back is a pure per-axis scale, with no offset.
 *
 * @param sourceWidth photo width in pixels
 * @param sourceHeight photo height in pixels
 * @param resizedWidth width of the scaled photo inside the detector input
 * @param resizedHeight height of the scaled photo inside the detector input
 */
public record Letterbox(int sourceWidth, int sourceHeight, int resizedWidth, int resizedHeight) {

  public Letterbox {
    if (sourceWidth <= 0 || sourceHeight <= 0 || resizedWidth <= 0 || resizedHeight <= 0) {
      throw new IllegalArgumentException("letterbox sizes must be positive");
    }
    if (resizedWidth > sourceWidth || resizedHeight > sourceHeight) {
      throw new IllegalArgumentException("the detector never enlarges a photo");
    }
  }

  /** The placement of a {@code width x height} photo for a detector limited to {@code maxSide}. */
  public static Letterbox of(int width, int height, int maxSide) {
    int longer = Math.max(width, height);
    if (longer <= maxSide) {
      return new Letterbox(width, height, width, height);
    }
    double scale = (double) maxSide / longer;
    int w = Math.max(1, Math.min(width, (int) Math.round(width * scale)));
    int h = Math.max(1, Math.min(height, (int) Math.round(height * scale)));
    return new Letterbox(width, height, w, h);
  }

  /** Detector-input width: the scaled width rounded up to a multiple of 32. */
  public int paddedWidth() {
    return roundUp(resizedWidth);
  }

  /** Detector-input height: the scaled height rounded up to a multiple of 32. */
  public int paddedHeight() {
    return roundUp(resizedHeight);
  }

  /** Source pixels per detector pixel along x (1 when the photo was not scaled). */
  public double scaleX() {
    return (double) sourceWidth / resizedWidth;
  }

  /** Source pixels per detector pixel along y. */
  public double scaleY() {
    return (double) sourceHeight / resizedHeight;
  }

  static int roundUp(int size) {
    int s = YuNetOutputs.MAX_STRIDE;
    return (size + s - 1) / s * s;
  }
}
