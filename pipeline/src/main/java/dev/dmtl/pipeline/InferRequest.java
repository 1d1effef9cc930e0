package dev.dmtl.pipeline;

import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.inference.model.Device;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything {@code dmtl infer} was asked to do: the one typed form of the run's options, from the
 * command line (or a Java caller) to the workers ({@link dev.dmtl.pipeline.infer.AnalyzeConfig}
 * carries it) and into the run's provenance, where it is recorded field by field.
 *
 * @param inputs files, folders, globs and archives
 * @param inputList a file listing more inputs, or null
 * @param output the output folder (any FileSystems path)
 * @param overwrite whether a previous result in {@code output} may be replaced
 * @param model model location: a path, or {@link BundledModel#SOURCE} for the bundled default
 * @param faces face-extraction mode
 * @param detector face-detector settings (used by {@code --faces detect})
 * @param batchSize faces per model call (default 32)
 * @param device CPU or GPU
 * @param labels the {@code --labels} value, or null
 * @param limits decoding caps
 * @param runner the Beam runner
 * @param flinkMaster {@code host:port} of a Flink cluster, or null for embedded Flink
 * @param parallelism worker threads (Flink parallelism / Direct target parallelism), &gt;= 1
 * @param intraOpThreads ONNX Runtime threads per model call, &gt;= 1
 * @param runId the run's id, unique per run
 * @param spec a contract spec file applied to the model instead of its metadata ({@code --spec}),
 *     or null
 * @param sink the results database and {@code --skip-known} ({@link SinkOptions#NONE}: Parquet
 *     only)
 * @param cams how each face's per-task saliency maps are computed and stored ({@code --cams},
 *     docs/OUTPUT_SCHEMA.md "Saliency maps"), or null for none (the default: the schema is then
 *     unchanged)
 */
public record InferRequest(
    List<String> inputs,
    String inputList,
    String output,
    boolean overwrite,
    String model,
    FaceMode faces,
    DetectorOptions detector,
    BatchSize batchSize,
    Device device,
    String labels,
    DecodeLimits limits,
    RunnerKind runner,
    String flinkMaster,
    int parallelism,
    int intraOpThreads,
    String runId,
    String spec,
    SinkOptions sink,
    SaliencyMethod cams)
    implements Serializable {

  public InferRequest {
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(faces, "faces");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(batchSize, "batchSize");
    Objects.requireNonNull(sink, "sink");
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
    }
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("--intra-op-threads must be >= 1, got " + intraOpThreads);
    }
    if (flinkMaster != null && runner != RunnerKind.FLINK) {
      throw new IllegalArgumentException("--flink-master needs --runner flink");
    }
  }

  /**
   * A request with the defaults: bundled model, aligned faces, batch 32, CPU, embedded Flink, all
   * cores.
   */
  public static InferRequest of(List<String> inputs, String output) {
    return new InferRequest(
        inputs,
        null,
        output,
        false,
        BundledModel.SOURCE,
        FaceMode.ALIGNED,
        DetectorOptions.defaults(),
        BatchSize.DEFAULT,
        Device.CPU,
        null,
        DecodeLimits.DEFAULTS,
        RunnerKind.FLINK,
        null,
        Runtime.getRuntime().availableProcessors(),
        1,
        newRunId(),
        null,
        SinkOptions.NONE,
        null);
  }

  /**
   * A fresh run id: UTC time to the second plus 32 random bits, e.g. {@code
   * 20260128-134501-9f3a61c2}.
   */
  public static String newRunId() {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-"
        + HexFormat.of().formatHex(random);
  }

  /** The same request with a contract spec applied to the model ({@code --spec}), or none. */
  public InferRequest withSpec(String value) {
    return edit(r -> r.spec = value);
  }

  public InferRequest withModel(String value) {
    return edit(r -> r.model = value);
  }

  /** The same request on runner {@code value} with {@code threads} worker threads. */
  public InferRequest withRunner(RunnerKind value, int threads) {
    return edit(
        r -> {
          r.runner = value;
          r.parallelism = threads;
        });
  }

  public InferRequest withLabels(String value) {
    return edit(r -> r.labels = value);
  }

  public InferRequest withBatchSize(BatchSize value) {
    return edit(r -> r.batchSize = value);
  }

  public InferRequest withOverwrite(boolean value) {
    return edit(r -> r.overwrite = value);
  }

  public InferRequest withInputList(String value) {
    return edit(r -> r.inputList = value);
  }

  public InferRequest withFaces(FaceMode value) {
    return edit(r -> r.faces = value);
  }

  public InferRequest withDetector(DetectorOptions value) {
    return edit(r -> r.detector = value);
  }

  public InferRequest withSink(SinkOptions value) {
    return edit(r -> r.sink = value);
  }

  /** The same request computing saliency maps by {@code value} ({@code --cams}), or none (null). */
  public InferRequest withCams(SaliencyMethod value) {
    return edit(r -> r.cams = value);
  }

  /**
   * A copy with {@code change} applied, checked by the canonical constructor. The one place that
   * lists every component for the with-methods, so a new option is added in two lines here instead
   * of once per with-method.
   */
  private InferRequest edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** A mutable copy of a request's components, only ever alive inside {@link #edit}. */
  private static final class Draft {
    private List<String> inputs;
    private String inputList;
    private String output;
    private boolean overwrite;
    private String model;
    private FaceMode faces;
    private DetectorOptions detector;
    private BatchSize batchSize;
    private Device device;
    private String labels;
    private DecodeLimits limits;
    private RunnerKind runner;
    private String flinkMaster;
    private int parallelism;
    private int intraOpThreads;
    private String runId;
    private String spec;
    private SinkOptions sink;
    private SaliencyMethod cams;

    Draft(InferRequest r) {
      inputs = r.inputs;
      inputList = r.inputList;
      output = r.output;
      overwrite = r.overwrite;
      model = r.model;
      faces = r.faces;
      detector = r.detector;
      batchSize = r.batchSize;
      device = r.device;
      labels = r.labels;
      limits = r.limits;
      runner = r.runner;
      flinkMaster = r.flinkMaster;
      parallelism = r.parallelism;
      intraOpThreads = r.intraOpThreads;
      runId = r.runId;
      spec = r.spec;
      sink = r.sink;
      cams = r.cams;
    }

    InferRequest build() {
      return new InferRequest(
          inputs,
          inputList,
          output,
          overwrite,
          model,
          faces,
          detector,
          batchSize,
          device,
          labels,
          limits,
          runner,
          flinkMaster,
          parallelism,
          intraOpThreads,
          runId,
          spec,
          sink,
          cams);
    }
  }
}
