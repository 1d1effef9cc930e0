package dev.dmtl.tools.bench;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.inference.batch.BatchAnalyzer;
import dev.dmtl.inference.batch.ImageOutcome;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.inference.model.Device;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.inference.model.SharedModels;
import dev.dmtl.pipeline.InferJob;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.RunProgress;
import dev.dmtl.pipeline.RunResult;
import dev.dmtl.pipeline.RunnerKind;
import dev.dmtl.pipeline.infer.ModelLocation;
import dev.dmtl.tools.ExitCodes;
import dev.dmtl.tools.InputPaths;
import dev.dmtl.tools.ToolInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl-tools pipeline-vs-loop}: pipeline vs. plain loop, same work, one JVM. Usage (through
 * {@code scripts/benchmark.sh}, which also sets heap and class-data sharing):
 *
 * <pre>
 * scripts/dmtl-tools.sh pipeline-vs-loop --data ../shared/data/utkface --images 2000 --batch-size 32 --threads 2 \
 *     [--model MODEL.onnx] [--work DIR] [--report FILE.json] [--cold-pipeline]
 * </pre>
 *
 * <p>Images are the first N files of {@code --data} by name. Order: a warm-up of the loop and one
 * of the pipeline (each on up to 200 of the images, not measured; {@code --cold-pipeline} skips the
 * pipeline's), the loop, the pipeline on embedded Flink, the loop again; the pipeline is compared
 * with the mean rate of the two loops. The loop runs {@code threads} workers, each with its own
 * {@link FacePredictor} on the one shared model (intra-op threads 1), pulling batches of {@code
 * batch-size} files, exactly like the pipeline's DoFn instances. Reported: wall-clock images/s of
 * each, the pipeline's steady rate (first to last image done, without runner start-up), and peak
 * heap of each phase (sampled every 50 ms).
 */
@Command(
    name = "pipeline-vs-loop",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "The Beam pipeline on embedded Flink against a plain Java loop doing the same decode + resize + "
            + "batched inference, in one JVM. Prints a JSON report and a markdown table row.")
public final class PipelineVsLoop implements Callable<Integer> {

  /** One measured phase. */
  public record Phase(
      String name,
      long images,
      double wallSeconds,
      double imagesPerSecond,
      Double steadyImagesPerSecond,
      long peakHeapBytes,
      long peakLiveHeapBytes) {}

  /** The whole result, printed and written as JSON. */
  public record Report(
      String model,
      String modelSha256,
      long images,
      int batchSize,
      int threads,
      int cores,
      boolean pipelineWarmedUp,
      Phase loop,
      Phase pipeline,
      Phase loopAfter,
      double loopImagesPerSecond,
      double pipelineToLoop,
      double steadyPipelineToLoop,
      long processPeakRssBytes) {}

  @Spec CommandSpec spec;

  // the bundled sample is too small to measure a pipeline; the data set is the user's to point at
  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "A folder of UTKFace-style crops (*.jpg).")
  Path data;

  @Option(
      names = "--images",
      defaultValue = "2000",
      paramLabel = "N",
      description = "The first N images of --data by name. Default: ${DEFAULT-VALUE}.")
  int images;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      paramLabel = "N",
      description = "Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Loop workers and pipeline parallelism. Default: the cores.")
  Integer threads;

  @Option(names = "--model", paramLabel = "MODEL.onnx", description = "Default: the bundled model.")
  String model = BundledModel.SOURCE;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Input lists and pipeline outputs. Default: a new temp folder.")
  Path work;

  @Option(
      names = "--report",
      paramLabel = "FILE.json",
      description = "Also write the JSON report here.")
  Path report;

  @Option(
      names = "--cold-pipeline",
      description = "No pipeline warm-up before the measured run (the loop is always warmed up).")
  boolean coldPipeline;

  @Override
  public Integer call() throws Exception {
    int threads = this.threads == null ? Runtime.getRuntime().availableProcessors() : this.threads;
    if (images < 1 || batchSize < 1 || threads < 1) {
      throw new ParameterException(
          spec.commandLine(), "--images, --batch-size and --threads must be at least 1");
    }
    InputPaths.directory(
        data, "UTKFace-style crops; UTKFace is not shipped, see ../shared/data/utkface");
    boolean warmPipeline = !coldPipeline;
    Path work = this.work == null ? Files.createTempDirectory("dmtl-bench") : this.work;
    List<Path> files;
    try (Stream<Path> list = Files.list(data)) {
      files =
          list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jpg"))
              .sorted()
              .limit(images)
              .toList();
    }
    if (files.size() < images) {
      throw new ToolInputException(
          data + " has only " + files.size() + " images, " + images + " asked");
    }
    Files.createDirectories(work);
    Path listFile = work.resolve("inputs-" + images + ".txt");
    writeList(listFile, files);

    String location = ModelLocation.canonical(model);
    byte[] modelBytes = ModelLocation.read(location);
    String sha = ContentHash.sha256Hex(modelBytes);
    ModelOptions options = new ModelOptions(Device.CPU, 1);
    DmtlModel shared =
        SharedModels.get(sha, options, () -> DmtlModel.load(location, modelBytes, options));

    List<Path> warmUp = files.subList(0, Math.min(200, files.size()));
    loop(shared, warmUp, batchSize, threads); // warm-up
    if (warmPipeline) {
      // The same for the pipeline: the first run in a JVM also compiles Flink's, Beam's and the
      // writers' code (a cold 10k run spent 8.8 s of C2 time on it), which the loop's warm-up
      // spares the loop. Warming both measures each side's own cost; the cold cost is what a single
      // short dmtl run pays, and the 1k/5k rows without this show it.
      Path warmList = work.resolve("inputs-warm-up.txt");
      writeList(warmList, warmUp);
      pipeline(location, warmList, work.resolve("out-warm-up"), batchSize, threads);
    }
    Phase loop = loop(shared, files, batchSize, threads);
    Phase pipeline =
        pipeline(location, listFile, work.resolve("out-" + images), batchSize, threads);
    // loop, pipeline, loop again: the machine's speed drifts (a shared VM), and the mean of the
    // loop before and after the pipeline is a fairer yardstick than the loop before it alone
    Phase loopAfter = loop(shared, files, batchSize, threads);
    double loopRate = (loop.imagesPerSecond() + loopAfter.imagesPerSecond()) / 2;
    Report r =
        new Report(
            location,
            sha,
            images,
            batchSize,
            threads,
            Runtime.getRuntime().availableProcessors(),
            warmPipeline,
            loop,
            pipeline,
            loopAfter,
            loopRate,
            pipeline.imagesPerSecond() / loopRate,
            pipeline.steadyImagesPerSecond() == null
                ? 0
                : pipeline.steadyImagesPerSecond() / loopRate,
            peakRss());
    String json = new String(DmtlJson.pretty(r), StandardCharsets.UTF_8);
    PrintWriter out = spec.commandLine().getOut();
    out.println(json);
    out.printf(
        Locale.ROOT,
        "| %d | %d | %d | %.0f (%.0f, %.0f) | %.0f (steady %.0f) | %.2f (steady %.2f) | %d / %d MB | %d / %d MB | %d MB |%n",
        images,
        batchSize,
        threads,
        loopRate,
        loop.imagesPerSecond(),
        loopAfter.imagesPerSecond(),
        pipeline.imagesPerSecond(),
        pipeline.steadyImagesPerSecond() == null ? Double.NaN : pipeline.steadyImagesPerSecond(),
        r.pipelineToLoop(),
        r.steadyPipelineToLoop(),
        loop.peakHeapBytes() >> 20,
        pipeline.peakHeapBytes() >> 20,
        loop.peakLiveHeapBytes() >> 20,
        pipeline.peakLiveHeapBytes() >> 20,
        r.processPeakRssBytes() >> 20);
    out.flush();
    if (report != null) {
      Files.writeString(report, json);
    }
    return ExitCodes.OK;
  }

  /**
   * The plain loop: {@code threads} workers, each reading, decoding, resizing, predicting whole
   * batches.
   */
  static Phase loop(DmtlModel model, List<Path> files, int batchSize, int threads)
      throws Exception {
    HeapSampler heap = new HeapSampler();
    AtomicInteger next = new AtomicInteger();
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  try (FacePredictor predictor = model.newPredictor()) {
                    BatchAnalyzer analyzer =
                        new BatchAnalyzer(
                            new ImageDecoder(DecodeLimits.DEFAULTS),
                            FaceMode.ALIGNED.create(model.file()),
                            predictor,
                            new dev.dmtl.inference.batch.BatchSize(batchSize));
                    int from;
                    while ((from = next.getAndAdd(batchSize)) < files.size()) {
                      List<byte[]> batch = new ArrayList<>(batchSize);
                      for (Path p : files.subList(from, Math.min(files.size(), from + batchSize))) {
                        batch.add(Files.readAllBytes(p));
                      }
                      for (ImageOutcome o : analyzer.analyze(batch)) {
                        if (o instanceof ImageOutcome.Analyzed) {
                          done.incrementAndGet();
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    heap.stop();
    return new Phase(
        "loop", done.get(), seconds, done.get() / seconds, null, heap.peak(), heap.peakLive());
  }

  /**
   * The Beam pipeline on embedded Flink through {@link InferJob}, exactly as {@code dmtl infer}
   * runs it.
   */
  static Phase pipeline(String model, Path listFile, Path out, int batchSize, int threads)
      throws Exception {
    InferRequest request =
        InferRequest.of(List.of(), out.toString())
            .withInputList(listFile.toString())
            .withModel(model)
            .withRunner(RunnerKind.FLINK, threads)
            .withBatchSize(new dev.dmtl.inference.batch.BatchSize(batchSize))
            .withOverwrite(true);
    RunProgress progress = RunProgress.of(request.runId());
    long[] firstAndLast = {0, 0};
    Thread watch =
        new Thread(
            () -> {
              long seen = 0;
              while (!Thread.currentThread().isInterrupted()) {
                long now = progress.imagesDone();
                if (now > 0 && firstAndLast[0] == 0) {
                  firstAndLast[0] = System.nanoTime();
                }
                if (now > seen) {
                  seen = now;
                  firstAndLast[1] = System.nanoTime();
                }
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "bench-progress");
    watch.setDaemon(true);
    HeapSampler heap = new HeapSampler();
    long start = System.nanoTime();
    watch.start();
    RunResult result;
    try {
      result = InferJob.run(request);
    } finally {
      watch.interrupt();
      watch.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long images = result.manifest().counts().inputsWithRows();
    double steadySeconds = (firstAndLast[1] - firstAndLast[0]) / 1e9;
    Double steady = steadySeconds > 0 ? images / steadySeconds : null;
    heap.stop();
    return new Phase(
        "pipeline-flink", images, seconds, images / seconds, steady, heap.peak(), heap.peakLive());
  }

  /** An input list for {@code dmtl infer --input-list}: one absolute path per line. */
  private static void writeList(Path listFile, List<Path> files) throws IOException {
    Files.write(listFile, files.stream().map(p -> p.toAbsolutePath().toString()).toList());
  }

  /** Peak resident memory of this process (Linux VmHWM), or -1 elsewhere. */
  static long peakRss() throws IOException {
    Path status = Paths.get("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /**
   * Samples the heap every 50 ms until stopped. Two peaks: used heap (garbage included, so it
   * follows the collector's young-generation sizing as much as the work), and the live heap: what
   * the last collection left in all heap pools, the memory a phase actually holds on to.
   */
  private static final class HeapSampler {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> pools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
            .toList();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();
    private final Thread thread;

    HeapSampler() {
      System.gc(); // start each phase from a collected heap so peaks compare
      thread =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  peakLive.accumulateAndGet(
                      pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum(),
                      Math::max);
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              },
              "bench-heap");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      thread.interrupt();
      thread.join();
    }

    long peak() {
      return peak.get();
    }

    long peakLive() {
      return peakLive.get();
    }
  }
}
