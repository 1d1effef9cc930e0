package dev.dmtl.testdata;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.dmtl.contract.json.DmtlJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The real photographs shipped in {@code testdata/photos} and their hand-made face annotations
 * ({@code faces.json}), so that face detection is tested on a fresh clone without {@code
 * ../shared}.
 */
public final class Photos {

  /** 29 faces, ~25-32 px wide, greyscale: the Fifth Solvay Conference, 1927. */
  public static final String GROUP = "solvay-1927.jpg";

  /** One large face, colour, with annotated landmarks. */
  public static final String ASTRONAUT = "astronaut.jpg";

  /** One large face, colour, glasses, with annotated landmarks. */
  public static final String HOPPER = "grace-hopper.jpg";

  /** A real photo without a face (a cup of coffee). */
  public static final String NO_FACE = "coffee.jpg";

  /** The file's top-level shape: an explanation for people, and the photos. */
  @JsonIgnoreProperties("about")
  private record Annotations(List<AnnotatedPhoto> photos) {}

  private Photos() {}

  /** The photo file of that name. */
  public static Path file(String name) {
    return TestData.photos().resolve(name);
  }

  /** Every shipped photo with its faces, in the order of faces.json. */
  public static List<AnnotatedPhoto> all() {
    Path json = TestData.photos().resolve("faces.json");
    try {
      return DmtlJson.read(json, Annotations.class).photos();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the face annotations " + json, e);
    }
  }

  /** The annotations of one photo. */
  public static AnnotatedPhoto annotated(String name) {
    return all().stream()
        .filter(p -> p.file().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException(name + " is not in testdata/photos/faces.json"));
  }
}
