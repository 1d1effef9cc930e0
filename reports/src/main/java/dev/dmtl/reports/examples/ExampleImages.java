package dev.dmtl.reports.examples;

import dev.dmtl.audit.examples.FaceRef;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Produces the face crops of worst-error examples, for the opt-in {@code --include-examples}
 * section. The report module cannot decode every input (archives, CMYK JPEGs and detected faces
 * need the inference module), so the command line supplies an implementation; {@link
 * FileExampleImages} covers plain image files. Implementations return small PNGs ({@link
 * PngThumbnail} does the cropping, downscaling and encoding).
 */
public interface ExampleImages {

  /**
   * The face crop of each reference, at most {@code maxSide} pixels on its longer side. An image
   * that is no longer available (moved, unreadable, not decodable here) gives {@link
   * ExampleCrop#unavailable} with the reason, which the report shows in its place.
   *
   * @return one entry per reference
   * @throws IOException for failures that are not about one image (the report is then not written)
   */
  Map<FaceRef, ExampleCrop> crops(List<FaceRef> refs, int maxSide) throws IOException;
}
