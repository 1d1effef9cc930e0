package dev.dmtl.inference.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The default model shipped inside the jar as a classpath resource, used when no {@code --model} is
 * given. A build without it still works with an explicit model.
 */
public final class BundledModel {

  /** Classpath resource name of the bundled default model. */
  public static final String RESOURCE = "dev/dmtl/inference/default-model.onnx";

  /** How the bundled model is named in messages, provenance and the run manifest. */
  public static final String SOURCE = "classpath:" + RESOURCE;

  private BundledModel() {}

  /** The bundled model's bytes, or empty when this build has none. */
  public static Optional<byte[]> read() throws IOException {
    ClassLoader loader = BundledModel.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    }
  }
}
