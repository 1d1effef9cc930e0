package dev.dmtl.reports.examples;

import java.util.Objects;

/**
 * The crop of one example: PNG bytes, or why there is none (the report shows the reason in place of
 * the image).
 *
 * @param png PNG bytes, or null when unavailable
 * @param problem why there is no image, or null when there is one
 */
public record ExampleCrop(byte[] png, String problem) {

  public ExampleCrop {
    if ((png == null) == (problem == null)) {
      throw new IllegalArgumentException("an example crop has either an image or a problem");
    }
  }

  public static ExampleCrop of(byte[] png) {
    return new ExampleCrop(Objects.requireNonNull(png, "png"), null);
  }

  public static ExampleCrop unavailable(String problem) {
    return new ExampleCrop(null, Objects.requireNonNull(problem, "problem"));
  }

  public boolean available() {
    return png != null;
  }
}
