package dev.dmtl.reports.examples;

import dev.dmtl.audit.examples.FaceRef;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Crops examples from plain image files with ImageIO. Archive entries and images ImageIO cannot
 * decode are reported unavailable, with the reason; the command line can supply an implementation
 * backed by the inference module's decoder for those.
 */
public final class FileExampleImages implements ExampleImages {

  @Override
  public Map<FaceRef, ExampleCrop> crops(List<FaceRef> refs, int maxSide) throws IOException {
    Map<FaceRef, ExampleCrop> out = new LinkedHashMap<>();
    for (FaceRef ref : refs) {
      out.put(ref, crop(ref, maxSide));
    }
    return out;
  }

  private static ExampleCrop crop(FaceRef ref, int maxSide) throws IOException {
    if (ref.entry() != null) {
      return ExampleCrop.unavailable(
          "inside an archive; this report writer reads plain image files only");
    }
    Path file =
        ref.source().startsWith("file:")
            ? Path.of(java.net.URI.create(ref.source()))
            : Path.of(ref.source());
    if (!Files.isRegularFile(file)) {
      return ExampleCrop.unavailable("file not found");
    }
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException e) {
      // one unreadable image is a fact about that image, shown next to it, not a failed report
      return ExampleCrop.unavailable("cannot decode: " + e.getMessage());
    }
    if (image == null) {
      // ImageIO returns null, without throwing, for formats it has no reader for
      return ExampleCrop.unavailable("not an image format this report writer can decode");
    }
    return ExampleCrop.of(PngThumbnail.encode(image, ref.box(), maxSide));
  }
}
