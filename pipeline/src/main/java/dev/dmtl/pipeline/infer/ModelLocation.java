package dev.dmtl.pipeline.infer;

import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.pipeline.InvalidRunException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Paths;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Where the model comes from: {@code classpath:…} for the model bundled in the jar, or any path
 * Beam's FileSystems can read. Workers read it again from the same place and check its SHA-256, so
 * on a remote cluster the path must be readable from the task managers (a shared or object store)
 * or be the bundled model.
 */
public final class ModelLocation {

  private ModelLocation() {}

  /** Local paths made absolute, so every reader in this JVM sees the same file. */
  public static String canonical(String location) {
    if (location.startsWith("classpath:") || location.contains("://")) {
      return location;
    }
    return Paths.get(location).toAbsolutePath().normalize().toString();
  }

  /**
   * The model bytes.
   *
   * @throws InvalidRunException when there is no such file, or no model is bundled
   */
  public static byte[] read(String location) throws InvalidRunException {
    if (location.equals(BundledModel.SOURCE)) {
      try {
        return BundledModel.read()
            .orElseThrow(
                () ->
                    new InvalidRunException(
                        "this build bundles no default model ("
                            + BundledModel.RESOURCE
                            + "); pass --model FILE.onnx"));
      } catch (IOException e) {
        throw new InvalidRunException("cannot read the bundled model: " + e.getMessage(), e);
      }
    }
    try {
      MatchResult.Metadata file = FileSystems.matchSingleFileSpec(location);
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
        return in.readAllBytes();
      }
    } catch (FileNotFoundException e) {
      throw new InvalidRunException("model file not found: " + location, e);
    } catch (IOException e) {
      throw new InvalidRunException("cannot read model " + location + ": " + e.getMessage(), e);
    }
  }
}
