package dev.dmtl.inference.model;

import dev.dmtl.contract.model.ContractViolationException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open model per JVM, shared by every DoFn instance and worker thread: an ONNX Runtime session
 * holds the weights and its thread pools, so one per caller would multiply memory and threads.
 * Models are keyed by SHA-256 and options and stay open for the life of the JVM (runners give no
 * reliable "last user" signal; a JVM runs one job's worth of models).
 */
public final class SharedModels {

  /** Loads a model when it is not open yet. */
  @FunctionalInterface
  public interface Loader {
    DmtlModel load() throws ContractViolationException, DeviceUnavailableException;
  }

  private record Key(String sha256, String specSha256, ModelOptions options) {}

  private static final Map<Key, DmtlModel> OPEN = new ConcurrentHashMap<>();

  private SharedModels() {}

  /**
   * The open model with this SHA-256 and options, loading it at most once per JVM.
   *
   * @param sha256 the SHA-256 the loaded model must have
   * @throws ContractViolationException when the loaded model is invalid or not the expected one
   */
  public static DmtlModel get(String sha256, ModelOptions options, Loader loader)
      throws ContractViolationException, DeviceUnavailableException {
    return get(sha256, null, options, loader);
  }

  /**
   * As {@link #get(String, ModelOptions, Loader)} for a model opened with a spec ({@code --spec}):
   * the same bytes under another contract are another open model.
   *
   * @param specSha256 SHA-256 of the spec file, or null for the model's own metadata
   */
  public static DmtlModel get(String sha256, String specSha256, ModelOptions options, Loader loader)
      throws ContractViolationException, DeviceUnavailableException {
    Key key = new Key(sha256, specSha256, options);
    DmtlModel open = OPEN.get(key);
    if (open != null) {
      return open;
    }
    synchronized (OPEN) {
      open = OPEN.get(key);
      if (open == null) {
        open = loader.load();
        if (!open.file().sha256().equals(sha256)) {
          String source = open.file().source();
          String actual = open.file().sha256();
          open.close();
          throw new ContractViolationException(
              source,
              "has SHA-256 "
                  + actual
                  + " but "
                  + sha256
                  + " was validated when the run started; the file changed during the run");
        }
        OPEN.put(key, open);
      }
      return open;
    }
  }
}
