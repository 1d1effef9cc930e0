package dev.dmtl.pipeline;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.ToolVersion;
import dev.dmtl.contract.labels.LabelSource;
import dev.dmtl.contract.model.ContractSpec;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.inference.explain.OcclusionGrid;
import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.inference.model.SharedModels;
import dev.dmtl.parquet.PredictionSchema;
import dev.dmtl.pipeline.database.ResultsSink;
import dev.dmtl.pipeline.database.WriteResultsDatabase;
import dev.dmtl.pipeline.infer.AnalyzeConfig;
import dev.dmtl.pipeline.infer.InferFaceAttributes;
import dev.dmtl.pipeline.infer.ModelLocation;
import dev.dmtl.pipeline.input.InputPattern;
import dev.dmtl.pipeline.input.InputResolver;
import dev.dmtl.pipeline.input.InputSource;
import dev.dmtl.pipeline.labels.LabelSpec;
import dev.dmtl.pipeline.output.OutputDirectory;
import dev.dmtl.pipeline.output.OutputRecords;
import dev.dmtl.resultsdb.ResultsDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code dmtl infer}: validates everything the user named on the driver (inputs, output folder,
 * model contract, device, labels), builds the Beam pipeline, runs it on the chosen runner, checks
 * that every input is accounted for, and publishes the outputs atomically with their manifest.
 *
 * <pre>
 * InputSource ─ units ─ InferFaceAttributes ─ rows and dead letters ─ WriteOutputs ─┬─ predictions.parquet
 *  (listing, one batch per split)                                                     └─ dead_letters.parquet
 * </pre>
 */
public final class InferJob {

  private InferJob() {}

  /**
   * Runs a request to completion: {@code prepare(request).execute()}.
   *
   * @throws InvalidRunException when an input, the output folder, the labels or the model location
   *     is unusable
   * @throws ContractViolationException when the model breaks the contract
   * @throws DeviceUnavailableException when the device cannot be used
   * @throws IOException when publishing the outputs fails
   */
  public static RunResult run(InferRequest request)
      throws InvalidRunException,
          ContractViolationException,
          DeviceUnavailableException,
          IOException {
    return prepare(request).execute();
  }

  /**
   * Checks everything the user named, on the driver, before any runner starts: inputs exist, the
   * output folder holds no result, the model meets the contract and opens on the device, the face
   * mode accepts the model, the labels parse.
   *
   * @throws InvalidRunException when an input, the output folder, the labels or the model location
   *     is unusable
   * @throws ContractViolationException when the model breaks the contract
   * @throws DeviceUnavailableException when the device cannot be used
   */
  public static PreparedRun prepare(InferRequest request)
      throws InvalidRunException,
          ContractViolationException,
          DeviceUnavailableException,
          IOException {
    Instant started = Instant.now();
    // a DuckDB file on a cluster is refused before anything is read
    ResultsSink.checkRunner(request.sink(), request.flinkMaster());
    PipelineOptions options = beamOptions(request);
    FileSystems.setDefaultPipelineOptions(options);

    List<InputPattern> patterns = InputResolver.resolve(request.inputs(), request.inputList());
    OutputDirectory out = new OutputDirectory(request.output(), request.runId());
    out.checkWritable(request.overwrite());

    String modelLocation = ModelLocation.canonical(request.model());
    byte[] modelBytes = ModelLocation.read(modelLocation);
    String sha256 = ContentHash.sha256Hex(modelBytes);
    ModelOptions modelOptions = new ModelOptions(request.device(), request.intraOpThreads());
    // Open it here (and keep it: embedded workers share it) so contract and device errors surface
    // now.
    // --spec: the contract comes from a spec file and the model bytes stay as they are
    byte[] specBytes = request.spec() == null ? null : readSpec(request.spec());
    ContractSpec spec = specBytes == null ? null : ContractSpec.parse(request.spec(), specBytes);
    DmtlModel model =
        SharedModels.get(
            sha256,
            spec == null ? null : spec.file().sha256(),
            modelOptions,
            () -> DmtlModel.load(modelLocation, modelBytes, spec, modelOptions));
    request
        .faces()
        .create(
            model.file(), request.detector()); // the mode's own requirements, e.g. a face template
    // the results database: checked and migrated now, so that a bad one costs seconds
    ResultsSink sink = ResultsSink.open(request.sink(), System.getenv(), request.flinkMaster());
    try {
      return prepared(
          request, options, patterns, out, model, modelLocation, sha256, specBytes, started, sink);
    } catch (InvalidRunException | ContractViolationException | IOException | RuntimeException e) {
      // a DuckDB file stays locked while the sink is open
      if (sink != null) {
        sink.closeAfter(e);
      }
      throw e;
    }
  }

  /** The rest of {@link #prepare} once the sink is open (it closes the sink on a failure here). */
  private static PreparedRun prepared(
      InferRequest request,
      PipelineOptions options,
      List<InputPattern> patterns,
      OutputDirectory out,
      DmtlModel model,
      String modelLocation,
      String sha256,
      byte[] specBytes,
      Instant started,
      ResultsSink sink)
      throws InvalidRunException, ContractViolationException, IOException {
    Set<String> known = ResultsSink.knownImages(sink, request.sink(), sha256);
    LabelSpec labelSpec = request.labels() == null ? null : LabelSpec.parse(request.labels());
    LabelSource labels = labelSpec == null ? null : labelSpec.load();

    checkCams(request.cams(), model, modelLocation);
    Schema rowSchema =
        PredictionSchema.predictions(
            modelLocation, model.contract(), labelSpec != null, request.cams() != null);
    RunProvenance provenance =
        RunProvenance.of(
            request.runId(),
            ToolVersion.version(),
            started,
            model.file(),
            DmtlModel.engineDescription(),
            request);
    if (request.faces() == FaceMode.DETECT && model.contract().template().isEmpty()) {
      // detect-and-align falls back to the documented default template: say so in every output
      InputSpec in = model.contract().input();
      provenance =
          provenance.withDefaultFaceTemplate(FaceTemplate.defaultFor(in.width(), in.height()));
    }
    Schema deadLetterSchema = PredictionSchema.deadLetters(model.contract(), labelSpec != null);
    AnalyzeConfig config =
        new AnalyzeConfig(
            request,
            modelLocation,
            sha256,
            labelSpec,
            rowSchema.toString(),
            deadLetterSchema.toString(),
            request.spec(),
            specBytes == null ? null : new String(specBytes, StandardCharsets.UTF_8),
            known);
    return new PreparedRun(
        request, options, patterns, out, model.file(), labels, config, provenance, started, sink);
  }

  /**
   * Refuses {@code --cams} that the model cannot give: exact maps from a model that declares no
   * feature maps, occlusion on an input smaller than its grid. One line, naming the model and the
   * way out.
   */
  private static void checkCams(SaliencyMethod cams, DmtlModel model, String modelLocation)
      throws InvalidRunException {
    if (cams == SaliencyMethod.CLASS_ACTIVATION) {
      boolean explainable;
      try (FacePredictor p = model.newPredictor()) {
        explainable = p.explainable();
      }
      if (!explainable) {
        throw new InvalidRunException(
            "--cams: model "
                + modelLocation
                + " declares no feature maps for class activation maps; use --cam-method occlusion"
                + " (any model, about 40 times slower) or a model exported with them");
      }
    } else if (cams == SaliencyMethod.OCCLUSION) {
      InputSpec in = model.contract().input();
      if (Math.min(in.width(), in.height()) < OcclusionGrid.DEFAULT_SIZE) {
        throw new InvalidRunException(
            "--cam-method occlusion: the input of model "
                + modelLocation
                + " ("
                + in.width()
                + "x"
                + in.height()
                + ") is smaller than the "
                + OcclusionGrid.DEFAULT_SIZE
                + "x"
                + OcclusionGrid.DEFAULT_SIZE
                + " occlusion grid");
      }
    }
  }

  private static byte[] readSpec(String spec) throws IOException {
    try {
      return Files.readAllBytes(Path.of(spec));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(spec, null, "spec file not found");
    }
  }

  /** A run whose inputs, output, model and labels have been checked; {@link #execute()} runs it. */
  public static final class PreparedRun {
    private final InferRequest request;
    private final PipelineOptions options;
    private final List<InputPattern> patterns;
    private final OutputDirectory out;
    private final ModelFile model;
    private final LabelSource labels;
    private final AnalyzeConfig config;
    private final RunProvenance provenance;
    private final Instant started;
    private final ResultsSink sink;

    private PreparedRun(
        InferRequest request,
        PipelineOptions options,
        List<InputPattern> patterns,
        OutputDirectory out,
        ModelFile model,
        LabelSource labels,
        AnalyzeConfig config,
        RunProvenance provenance,
        Instant started,
        ResultsSink sink) {
      this.request = request;
      this.options = options;
      this.patterns = patterns;
      this.out = out;
      this.model = model;
      this.labels = labels;
      this.config = config;
      this.provenance = provenance;
      this.started = started;
      this.sink = sink;
    }

    /**
     * Lets go of the results database of a run that will not be executed (a DuckDB file is held
     * from {@link InferJob#prepare} on); a failure to do so is attached to {@code cause}.
     */
    public void abandon(Throwable cause) {
      if (sink != null) {
        sink.closeAfter(cause);
      }
    }

    /** The validated model the run uses (read once, on the driver). */
    public ModelFile model() {
      return model;
    }

    public InferRequest request() {
      return request;
    }

    /**
     * Runs the pipeline, checks that every input is accounted for, publishes the outputs; then lets
     * go of the results database (a DuckDB file is unlocked).
     *
     * @throws IOException when publishing the outputs fails (nothing is published then)
     */
    public RunResult execute() throws IOException {
      if (sink == null) {
        return run();
      }
      RunResult result;
      try {
        result = run();
      } catch (IOException | RuntimeException e) {
        sink.closeAfter(e);
        throw e;
      }
      sink.close();
      return result;
    }

    private RunResult run() throws IOException {
      Pipeline pipeline = Pipeline.create(options);
      Map<String, String> footer = Map.of(RunProvenance.FOOTER_KEY, provenance.toFooter());
      build(
          pipeline,
          patterns,
          config,
          out,
          footer,
          request.runner() == RunnerKind.FLINK,
          sink == null ? null : sink.write(request.runId(), model.contract(), labels != null));
      PipelineResult result;
      try {
        out.claim();
        if (sink != null) {
          sink.start(provenance);
        }
        result = pipeline.run();
        result.waitUntilFinish();
        if (request.runner() == RunnerKind.FLINK && request.flinkMaster() == null) {
          EmbeddedFlinkShutdown.await(EmbeddedFlinkShutdown.LIMIT);
        }
      } catch (IOException e) {
        out.abort();
        failSink(e);
        RunProgress.forget(request.runId());
        throw e;
      } catch (RuntimeException e) {
        out.abort();
        RunProgress.forget(request.runId());
        RunFailedException failed =
            RunFailedException.of(
                e,
                request.flinkMaster() != null
                    ? "the Flink cluster at " + request.flinkMaster()
                    : request.runner() == RunnerKind.FLINK
                        ? "embedded Flink"
                        : "the Direct runner");
        failSink(failed);
        throw failed;
      }
      Instant finished = Instant.now();
      RunManifest manifest =
          manifest(request, model, labels, result, started, finished, provenance);
      RunManifest.Counts c = manifest.counts();
      ResultsDatabase.Publication publication = null;
      try {
        if (!c.accountedFor()) {
          out.abort();
          throw new IllegalStateException(
              "inputs are not accounted for: "
                  + c.inputsSeen()
                  + " seen, "
                  + c.inputsWithRows()
                  + " with rows, "
                  + c.deadLetters()
                  + " dead letters, "
                  + c.skippedKnown()
                  + " skipped as known; no output was published");
        }
        out.ensureFile(
            OutputDirectory.PREDICTIONS_PREFIX,
            new Schema.Parser().parse(config.rowSchemaJson()),
            footer);
        out.ensureFile(
            OutputDirectory.DEAD_LETTERS_PREFIX,
            new Schema.Parser().parse(config.deadLetterSchemaJson()),
            footer);
        // the database's transaction stays open while the folder is published: both or neither
        publication = sink == null ? null : sink.preparePublication(manifest);
        out.commit(manifest.toJson(), c.rows(), c.deadLetters());
        if (publication != null) {
          publication.commit();
        }
      } catch (IOException | RuntimeException e) {
        out.abort();
        if (publication != null) {
          publication.abandon(e);
        }
        failSink(e);
        throw e;
      } finally {
        RunProgress.forget(request.runId());
      }
      return new RunResult(manifest, out.dir().toString());
    }

    /** Marks the run failed in the results database, if there is one. */
    private void failSink(Throwable failure) {
      if (sink != null) {
        sink.fail(request.runId(), failure);
      }
    }
  }

  /**
   * Assembles the pipeline: exposed for tests that run it on a {@code TestPipeline}.
   *
   * @param parallelWriters each worker writes its own Parquet files from its bundle, joined at
   *     commit: no shuffle of every row to a single writer, which would encode and sort all rows
   *     and leave one task writing them all after the last image. Right where a bundle is a
   *     worker's whole partition (Flink's batch mode); not on the Direct runner, whose bundles are
   *     single splits (a file per batch)
   * @param database the workers' write into the results database, or null
   */
  static void build(
      Pipeline pipeline,
      List<InputPattern> patterns,
      AnalyzeConfig config,
      OutputDirectory out,
      Map<String, String> footer,
      boolean parallelWriters,
      WriteResultsDatabase database) {
    PCollection<GenericRecord> records =
        pipeline
            .apply(
                "Inputs", Read.from(new InputSource(patterns, config.batchSize(), config.runId())))
            .apply("InferFaceAttributes", new InferFaceAttributes(config));
    if (database != null) {
      records.apply("WriteResultsDatabase", database);
    }
    records.apply(
        "WriteOutputs",
        OutputRecords.write(
            config.rowSchemaJson(), config.deadLetterSchemaJson(), footer, out, parallelWriters));
  }

  /** The runner's typed Beam options for a request. */
  static PipelineOptions beamOptions(InferRequest request) {
    String jobName = "dmtl-infer-" + request.runId().toLowerCase(Locale.ROOT);
    if (request.runner() == RunnerKind.FLINK) {
      FlinkPipelineOptions flink = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
      flink.setRunner(FlinkRunner.class);
      flink.setJobName(jobName);
      flink.setFlinkMaster(request.flinkMaster() == null ? "[local]" : request.flinkMaster());
      flink.setParallelism(request.parallelism());
      // Without it Flink copies every element between chained operators by encoding and decoding it
      // (BEAM-11146). Safe here: no DoFn of this pipeline mutates an element after receiving or
      // emitting it.
      flink.setFasterCopy(true);
      return flink;
    }
    DirectOptions direct = PipelineOptionsFactory.as(DirectOptions.class);
    direct.setRunner(DirectRunner.class);
    direct.setJobName(jobName);
    direct.setTargetParallelism(request.parallelism());
    // the checks re-encode every element: for tests (TestPipeline keeps them on), not for runs
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    return direct;
  }

  private static RunManifest manifest(
      InferRequest request,
      ModelFile model,
      LabelSource labels,
      PipelineResult result,
      Instant started,
      Instant finished,
      RunProvenance provenance) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(RunCounters.NAMESPACE))
                    .build());
    Map<String, Long> counters = new LinkedHashMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      counters.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    long calls = 0;
    long faces = 0;
    long max = 0;
    for (MetricResult<DistributionResult> d : metrics.getDistributions()) {
      if (d.getName().getName().equals(RunCounters.BATCH_SIZE)) {
        calls += d.getAttempted().getCount();
        faces += d.getAttempted().getSum();
        max = Math.max(max, d.getAttempted().getMax());
      }
    }
    Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
    long deadLetters = 0;
    for (Stage stage : Stage.values()) {
      long n = counters.getOrDefault(RunCounters.deadLettersCounter(stage), 0L);
      byStage.put(stage, n);
      deadLetters += n;
    }
    RunManifest.Labels labelCounts = null;
    if (labels != null) {
      Map<String, Long> missing = new LinkedHashMap<>();
      model
          .contract()
          .tasks()
          .forEach(
              t ->
                  missing.put(
                      t.name(),
                      counters.getOrDefault(RunCounters.labelMissingCounter(t.name()), 0L)));
      labelCounts =
          new RunManifest.Labels(
              labels.description(),
              labels.unparsableValues(),
              counters.getOrDefault(RunCounters.LABEL_UNPARSABLE, 0L),
              missing);
    }
    long inputs = counters.getOrDefault(RunCounters.INPUTS_SEEN, 0L);
    double seconds = Duration.between(started, finished).toMillis() / 1000.0;
    RunManifest.Counts counts =
        new RunManifest.Counts(
            inputs,
            counters.getOrDefault(RunCounters.INPUTS_WITH_ROWS, 0L),
            counters.getOrDefault(RunCounters.ROWS, 0L),
            deadLetters,
            counters.getOrDefault(RunCounters.SKIPPED_KNOWN, 0L),
            byStage,
            labelCounts,
            new RunManifest.Batches(calls, calls == 0 ? 0 : (double) faces / calls, max));
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("predictions", OutputDirectory.PREDICTIONS);
    outputs.put("dead_letters", OutputDirectory.DEAD_LETTERS);
    return new RunManifest(
        RunManifest.SCHEMA_VERSION,
        request.runId(),
        RunManifest.COMPLETE,
        started,
        finished,
        seconds,
        seconds > 0 ? inputs / seconds : 0,
        counts,
        outputs,
        provenance);
  }
}
