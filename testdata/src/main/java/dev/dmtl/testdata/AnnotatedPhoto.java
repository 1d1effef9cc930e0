package dev.dmtl.testdata;

import java.util.List;

/** A shipped photo and every face in it, annotated by hand (see testdata/photos/README.md). */
public record AnnotatedPhoto(String file, int width, int height, List<AnnotatedFace> faces) {

  public AnnotatedPhoto {
    if (file == null || file.isBlank() || width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "an annotated photo needs a file name and a size: " + file);
    }
    faces = List.copyOf(faces);
    for (AnnotatedFace f : faces) {
      if (f.x() < 0 || f.y() < 0 || f.x() + f.width() > width || f.y() + f.height() > height) {
        throw new IllegalArgumentException(file + ": face box outside the photo: " + f);
      }
    }
  }

  /** The faces as the boxes {@link DetectionMatch} scores detections against (none ignored). */
  public List<DlibBoxes.Box> boxes() {
    return faces.stream()
        .map(f -> new DlibBoxes.Box(f.x(), f.y(), f.width(), f.height(), false))
        .toList();
  }
}
