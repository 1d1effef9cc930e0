package dev.dmtl.audit.input;

import java.util.Objects;

/**
 * What identifies a face across runs of different models over the same images: the image's content
 * hash and the face's index in it (the detector's order). Paths are not used: two runs may have
 * read the same images from different folders.
 *
 * @param imageSha256 the image's SHA-256 (hex)
 * @param faceIndex the face's index in the image; {@link Integer#MAX_VALUE} when the row has none
 */
public record FaceKey(String imageSha256, int faceIndex) implements Comparable<FaceKey> {

  public FaceKey {
    Objects.requireNonNull(imageSha256, "imageSha256");
  }

  @Override
  public int compareTo(FaceKey o) {
    int c = imageSha256.compareTo(o.imageSha256);
    return c != 0 ? c : Integer.compare(faceIndex, o.faceIndex);
  }
}
