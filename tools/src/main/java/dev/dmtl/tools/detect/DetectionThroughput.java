package dev.dmtl.tools.detect;

import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.face.detect.Bilinear;
import dev.dmtl.inference.face.detect.CropResizer;
import dev.dmtl.inference.face.detect.DetectAndAlign;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.YuNetDetector;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.tools.ExitCodes;
import dev.dmtl.tools.InputPaths;
import dev.dmtl.tools.ToolInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Detection + alignment throughput on ~640 px photos: every {@code .jpg} of the given folder,
 * scaled so its longer side is 640 px (decoding is excluded, it belongs to the image decoder's
 * budget), run through {@link DetectAndAlign} with the given template and a 96x96 model input.
 * Configurations: detection alone (no alignment); one worker thread; two worker threads sharing one
 * detector (one ONNX Runtime thread each, as the pipeline runs); one worker with two ONNX Runtime
 * threads; one worker with batches of 4.
 *
 * <p>Usage: {@code dmtl-tools detection-throughput PHOTO_DIR TEMPLATE_JSON [IMAGES]}, IMAGES per
 * configuration (default 240).
 */
@Command(
    name = "detection-throughput",
    aliases = "DetectionThroughput", // the name docs/BENCHMARKS.md and older notes use
    mixinStandardHelpOptions = true,
    description =
        "Detection + alignment images/s and faces/s on ~640 px photos in five configurations.")
public final class DetectionThroughput implements Callable<Integer> {

  static final int SIDE = 640;
  static final int MODEL_INPUT = 96;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PHOTO_DIR",
      description = "Photos (*.jpg), e.g. ../shared/data/wild.")
  Path photoDir;

  @Parameters(
      index = "1",
      paramLabel = "TEMPLATE_JSON",
      description = "The face template, e.g. docs/face-template-utkface.json.")
  Path templateJson;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "IMAGES",
      description = "Images per configuration. Default: 240.")
  int perConfig = 240;

  @Override
  public Integer call() throws Exception {
    List<Path> files;
    try (Stream<Path> s =
        Files.list(
            InputPaths.directory(photoDir, "photos; ../shared/data/wild is not part of a clone"))) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new ToolInputException(photoDir + " holds no .jpg photo");
    }
    if (perConfig < 1) {
      throw new ParameterException(
          spec.commandLine(), "IMAGES must be at least 1, got " + perConfig);
    }
    FaceTemplate template =
        ContractMetadata.parseFaceTemplate(
            Files.readString(InputPaths.file(templateJson, "a face template JSON")));
    PrintWriter out = spec.commandLine().getOut();
    List<RgbImage> photos = new ArrayList<>();
    for (Path f : files) {
      RgbImage image = ImageFiles.read(f);
      double scale = (double) SIDE / Math.max(image.width(), image.height());
      photos.add(
          Bilinear.resize(
              image,
              (int) Math.round(image.width() * scale),
              (int) Math.round(image.height() * scale)));
    }
    out.printf(
        Locale.ROOT,
        "%d photos scaled to %d px on the longer side, %d images per configuration, %d cores%n",
        photos.size(),
        SIDE,
        perConfig,
        Runtime.getRuntime().availableProcessors());
    run(out, "1 worker, 1 ORT thread, detection only", photos, template, 1, 1, 0, perConfig);
    run(out, "1 worker, 1 ORT thread", photos, template, 1, 1, 1, perConfig);
    run(out, "2 workers, 1 ORT thread each, shared detector", photos, template, 2, 1, 1, perConfig);
    run(out, "1 worker, 2 ORT threads", photos, template, 1, 2, 1, perConfig);
    run(out, "1 worker, 1 ORT thread, batches of 4", photos, template, 1, 1, 4, perConfig);
    return ExitCodes.OK;
  }

  private static void run(
      PrintWriter out,
      String name,
      List<RgbImage> photos,
      FaceTemplate template,
      int workers,
      int ortThreads,
      int batch,
      int total)
      throws IOException, InterruptedException, ExecutionException, FaceExtractionException {
    try (YuNetDetector detector =
        YuNetDetector.openBundled(DetectorOptions.defaults().withThreads(ortThreads))) {
      DetectAndAlign align =
          new DetectAndAlign(detector, template, MODEL_INPUT, MODEL_INPUT, CropResizer.BILINEAR);
      AtomicInteger faces = new AtomicInteger();
      // warm-up: one pass over the photos
      for (RgbImage p : photos) {
        align.extract(p);
      }
      AtomicInteger next = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      long t0 = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(
            pool.submit(
                () -> {
                  int start;
                  int step = Math.max(1, batch);
                  while ((start = next.getAndAdd(step)) < total) {
                    List<RgbImage> chunk = new ArrayList<>();
                    for (int i = start; i < Math.min(total, start + step); i++) {
                      chunk.add(photos.get(i % photos.size()));
                    }
                    try {
                      if (batch == 0) {
                        detector.detectBatch(chunk).forEach(d -> faces.addAndGet(d.size()));
                      } else {
                        align.extractAll(chunk).forEach(c -> faces.addAndGet(c.size()));
                      }
                    } catch (FaceExtractionException e) {
                      throw new IllegalStateException(e);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      out.printf(
          Locale.ROOT,
          "| %s | %.1f images/s | %.1f faces/s | %.1f ms/image |%n",
          name,
          total / seconds,
          faces.get() / seconds,
          1000 * seconds / total);
      out.flush();
    }
  }
}
