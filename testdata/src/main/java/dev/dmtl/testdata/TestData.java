package dev.dmtl.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Locates the files of the {@code testdata} module from any module's tests (Maven runs tests with
 * the module directory as working directory) and the read-only developer data in {@code ../shared}
 * when it exists.
 */
public final class TestData {

  private TestData() {}

  /** The {@code testdata} folder of this checkout. */
  public static Path root() {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("testdata").resolve("NOTICE");
      if (Files.isRegularFile(candidate)) {
        return candidate.getParent();
      }
    }
    throw new IllegalStateException("cannot find the testdata folder above " + dir);
  }

  /** The bundled UTKFace sample (278 crops from the held-out test split; see testdata/NOTICE). */
  public static Path utkfaceSample() {
    return root().resolve("utkface-sample");
  }

  /**
   * Real photographs with hand-annotated faces (public domain or CC0; see
   * testdata/photos/README.md), read through {@link Photos}.
   */
  public static Path photos() {
    return root().resolve("photos");
  }

  /**
   * YuNet with a fixed 640×640 input ({@code testdata/models/yunet_s_640_640.onnx}, Apache-2.0; see
   * testdata/NOTICE): a detector model as a user may bring it, next to the bundled dynamic-size
   * one.
   */
  public static Path fixedSizeYuNet() {
    return root().resolve("models").resolve("yunet_s_640_640.onnx");
  }

  /** The corpus of bad inputs. */
  public static Path bad() {
    return root().resolve("bad");
  }

  /**
   * {@code ../shared} next to the checkout, on the development machines: the full UTKFace set and
   * the annotated wild photos. Absent on a plain clone; no test may need it except the quality
   * checks that say so when they skip.
   */
  public static Optional<Path> shared() {
    Path shared = root().getParent().getParent().resolve("shared");
    return Files.isDirectory(shared) ? Optional.of(shared.normalize()) : Optional.empty();
  }
}
