package dev.dmtl.inference.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Extracts ONNX Runtime's native libraries once into a per-user cache and points ONNX Runtime at
 * them ({@code onnxruntime.native.path}). Without this every JVM extracts 22 MB into a fresh {@code
 * /tmp/onnxruntime-java*} folder and leaves it there. Only for Linux x64 (the platform the shaded
 * jar keeps); elsewhere ONNX Runtime's own extraction is used.
 */
public final class OrtNatives {

  public static final String PROPERTY = "onnxruntime.native.path";
  private static final String RESOURCES = "ai/onnxruntime/native/linux-x64/";
  private static final List<String> LIBRARIES =
      List.of(
          "libonnxruntime.so",
          "libonnxruntime4j_jni.so",
          "libonnxruntime_providers_shared.so",
          "libonnxruntime_providers_cuda.so",
          "libonnxruntime_providers_tensorrt.so");

  private OrtNatives() {}

  /**
   * Extracts the libraries to {@code cacheRoot/onnxruntime-<version>[-gpu]/} unless there already,
   * and sets the system property, unless it was set by the user or this is not Linux x64.
   *
   * @return the folder used, or null when ONNX Runtime is left to extract on its own
   */
  public static Path prepare(Path cacheRoot) throws IOException {
    if (System.getProperty(PROPERTY) != null) {
      return Paths.get(System.getProperty(PROPERTY));
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    ClassLoader loader = OrtNatives.class.getClassLoader();
    if (!os.contains("linux")
        || !(arch.equals("amd64") || arch.equals("x86_64"))
        || loader.getResource(RESOURCES + LIBRARIES.get(0)) == null) {
      return null;
    }
    boolean gpu = loader.getResource(RESOURCES + "libonnxruntime_providers_cuda.so") != null;
    String version = ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion();
    Path dir =
        cacheRoot.resolve(
            "onnxruntime-" + (version == null ? "unknown" : version) + (gpu ? "-gpu" : ""));
    Files.createDirectories(dir);
    for (String name : LIBRARIES) {
      Path target = dir.resolve(name);
      if (Files.exists(target)) {
        continue;
      }
      try (InputStream in = loader.getResourceAsStream(RESOURCES + name)) {
        if (in == null) {
          continue;
        }
        // write beside, then move: a concurrent JVM never sees a half-written library
        Path part = Files.createTempFile(dir, name, ".part");
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    System.setProperty(PROPERTY, dir.toString());
    return dir;
  }
}
