package dev.dmtl.audit.examples;

import java.util.Objects;

/**
 * Which face of which input an example shows, as the prediction row names it (a report crops it
 * from the original image).
 *
 * @param source the input file as given or found (column {@code source})
 * @param entry the archive entry, or null when the source is not an archive (column {@code entry})
 * @param faceIndex the face's index within the image (column {@code face_index}), 0 when absent
 * @param box the face box in pixels of the decoded image ({@code face_x}, {@code face_y}, {@code
 *     face_w}, {@code face_h}), or null when the row has none (aligned crops: the whole image)
 */
public record FaceRef(String source, String entry, int faceIndex, Box box) {

  /** A face box in pixels; width and height positive. */
  public record Box(double x, double y, double width, double height) {
    public Box {
      if (!(width > 0) || !(height > 0)) {
        throw new IllegalArgumentException("face box of size " + width + "x" + height);
      }
    }
  }

  public FaceRef {
    Objects.requireNonNull(source, "source");
  }

  /** {@code source} or {@code source!/entry}, with {@code #face} when the face index is not 0. */
  public String address() {
    String a = entry == null ? source : source + "!/" + entry;
    return faceIndex == 0 ? a : a + "#" + faceIndex;
  }
}
