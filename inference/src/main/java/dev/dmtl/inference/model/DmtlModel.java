package dev.dmtl.inference.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.dmtl.contract.model.ContractSpec;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.HeadWeights;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;

/**
 * A DMTL model open in ONNX Runtime through DJL: the validated {@link ModelFile} plus the engine's
 * session. Thread-safe; create one {@link FacePredictor} per calling thread. Heavy (it holds the
 * ORT session): share one per JVM, see {@link SharedModels}.
 */
public final class DmtlModel implements AutoCloseable {

  /**
   * DJL engine name. Given explicitly because DJL PyTorch is on the same classpath in the CLI and
   * would otherwise be the default engine.
   */
  public static final String ENGINE = "OnnxRuntime";

  /** DJL's switch for the behaviour described in the static initialiser. */
  static final String DISABLE_ALTERNATIVE = "ai.djl.onnx.disable_alternative";

  static {
    // With PyTorch on the class path (training shares the CLI jar), DJL's ONNX Runtime engine loads
    // libtorch as an "alternative engine" for NDArray operations ONNX Runtime lacks, on the first
    // model load: ~130 MB of resident memory per JVM (measured on `dmtl infer`) and the time to
    // load it. Inference uses none of those operations (it creates an input array and reads
    // outputs), so it is switched off unless the user decided otherwise.
    if (System.getProperty(DISABLE_ALTERNATIVE) == null) {
      System.setProperty(DISABLE_ALTERNATIVE, "true");
    }
  }

  private final ModelFile file;
  private final ModelOptions options;
  private final Model model;
  private final Map<String, HeadWeights> headWeights;

  private DmtlModel(
      ModelFile file, ModelOptions options, Model model, Map<String, HeadWeights> headWeights) {
    this.file = file;
    this.options = options;
    this.model = model;
    this.headWeights = Map.copyOf(headWeights);
  }

  /**
   * Validates {@code bytes} against the contract, then loads them into ONNX Runtime. The bytes that
   * were validated and hashed are the bytes that run.
   *
   * @param source where the bytes came from, for messages and provenance
   * @throws ContractViolationException when the file is not a contract-valid model, or ONNX Runtime
   *     rejects the graph
   * @throws DeviceUnavailableException when the device cannot be used here
   */
  public static DmtlModel load(String source, byte[] bytes, ModelOptions options)
      throws ContractViolationException, DeviceUnavailableException {
    return load(source, bytes, null, options);
  }

  /**
   * As {@link #load(String, byte[], ModelOptions)}, with the contract taken from {@code spec}
   * instead of the model's metadata when it is not null ({@code --spec}): the bytes run unchanged.
   */
  public static DmtlModel load(String source, byte[] bytes, ContractSpec spec, ModelOptions options)
      throws ContractViolationException, DeviceUnavailableException {
    ModelFile file = ModelContractReader.read(source, bytes, spec);
    // read once per model, a few hundred kB at most; a model explained by occlusion needs none
    Map<String, HeadWeights> headWeights =
        file.contract().explainable() ? HeadWeights.read(source, bytes, file.contract()) : Map.of();
    if (options.device() == Device.GPU) {
      requireCuda();
    }
    ai.djl.Device device =
        options.device() == Device.GPU ? ai.djl.Device.gpu() : ai.djl.Device.cpu();
    Model model = Model.newInstance(file.sha256(), device, ENGINE);
    String threads = Integer.toString(options.intraOpThreads());
    // DJL only reads intraOpNumThreads when interOpNumThreads is also given; a non-null map is also
    // what makes it add the CUDA provider for a GPU device.
    Map<String, String> ortOptions = Map.of("interOpNumThreads", "1", "intraOpNumThreads", threads);
    try {
      model.load(new ByteArrayInputStream(bytes), ortOptions);
    } catch (MalformedModelException | IOException | EngineException e) {
      model.close();
      String reason = rootMessage(e);
      if (options.device() == Device.GPU && mentionsCuda(reason)) {
        throw new DeviceUnavailableException(
            "--device gpu: ONNX Runtime could not start CUDA ("
                + reason
                + "); install CUDA 12 and cuDNN 9, or use --device cpu",
            e);
      }
      throw new ContractViolationException(
          source, "ONNX Runtime cannot load the graph: " + reason, e);
    }
    return new DmtlModel(file, options, model, headWeights);
  }

  private static void requireCuda() throws DeviceUnavailableException {
    EnumSet<OrtProvider> providers;
    try {
      providers = OrtEnvironment.getAvailableProviders();
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new DeviceUnavailableException(
          "--device gpu: ONNX Runtime native libraries did not load: " + rootMessage(e), e);
    }
    if (!providers.contains(OrtProvider.CUDA)) {
      throw new DeviceUnavailableException(
          "--device gpu: this build's ONNX Runtime has no CUDA support "
              + "(providers: "
              + providers
              + "); build with 'mvn -Pgpu package' on a host with CUDA 12 and cuDNN 9, "
              + "or use --device cpu",
          null);
    }
  }

  private static boolean mentionsCuda(String message) {
    String m = message.toLowerCase(java.util.Locale.ROOT);
    return m.contains("cuda") || m.contains("cudnn") || m.contains("libcu");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? e.getMessage() : t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.replace('\n', ' ');
  }

  /** The validated model file: source, SHA-256, producer, contract. */
  public ModelFile file() {
    return file;
  }

  public ModelContract contract() {
    return file.contract();
  }

  public ModelOptions options() {
    return options;
  }

  /** The engine and its version, for provenance, e.g. {@code OnnxRuntime 1.23.2}. */
  public static String engineDescription() {
    return ENGINE
        + " "
        + ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion()
        + " via DJL "
        + Engine.getDjlVersion();
  }

  /** A new predictor for the calling thread. */
  public FacePredictor newPredictor() {
    return new FacePredictor(
        contract(), headWeights, model.newPredictor(new BatchTranslator(contract())));
  }

  @Override
  public void close() {
    model.close();
  }
}
