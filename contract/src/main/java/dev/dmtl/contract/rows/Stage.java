package dev.dmtl.contract.rows;

/** The pipeline stage where an input stopped. Every dead letter names one. */
public enum Stage {
  /**
   * Listing or opening the input: missing file, permissions, a directory where a file was expected.
   */
  READ,
  /**
   * Reading an archive: corrupt or truncated container, unsafe entry name, nested archive, ratio
   * cap.
   */
  ARCHIVE,
  /** Decoding the image: not an image, corrupt or truncated data, pixel or size cap exceeded. */
  DECODE,
  /** Running the face detector failed on this image. */
  DETECT,
  /** The detector found no face above the score threshold. */
  NO_FACE,
  /** Aligning or resizing the face crop failed. */
  ALIGN,
  /** The model failed on this input. */
  INFER
}
