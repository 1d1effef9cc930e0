package dev.dmtl.inference.face.detect.eval;

import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.face.detect.Bilinear;
import dev.dmtl.inference.face.detect.CropResizer;
import dev.dmtl.inference.face.detect.DetectAndAlign;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.YuNetDetector;
import dev.dmtl.inference.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Detection + alignment throughput on ~640 px photos: every {@code .jpg} of the given folder, scaled
 * so its longer side is 640 px (decoding is excluded, it belongs to the image decoder's budget), run
 * through {@link DetectAndAlign} with the given template and a 96x96 model input. Configurations:
 * detection alone (no alignment); one worker thread; two worker threads sharing one detector (one ONNX Runtime thread each, as the
 * pipeline runs); one worker with two ONNX Runtime threads; one worker with batches of 4.
 *
 * <p>Usage: {@code DetectionThroughput photoDir templateJson [images per configuration]}.
 */
public final class DetectionThroughput {

  static final int SIDE = 640;
  static final int MODEL_INPUT = 96;

  private DetectionThroughput() {}

  public static void main(String[] args) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(Paths.get(args[0]))) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
    }
    FaceTemplate template = ContractMetadata.parseFaceTemplate(Files.readString(Paths.get(args[1])));
    int perConfig = args.length > 2 ? Integer.parseInt(args[2]) : 240;
    List<RgbImage> photos = new ArrayList<>();
    for (Path f : files) {
      RgbImage image = ImageFiles.read(f);
      double scale = (double) SIDE / Math.max(image.width(), image.height());
      photos.add(Bilinear.resize(image, (int) Math.round(image.width() * scale), (int) Math.round(image.height() * scale)));
    }
    System.out.printf(Locale.ROOT, "%d photos scaled to %d px on the longer side, %d images per configuration, %d cores%n",
        photos.size(), SIDE, perConfig, Runtime.getRuntime().availableProcessors());
    run("1 worker, 1 ORT thread, detection only", photos, template, 1, 1, 0, perConfig);
    run("1 worker, 1 ORT thread", photos, template, 1, 1, 1, perConfig);
    run("2 workers, 1 ORT thread each, shared detector", photos, template, 2, 1, 1, perConfig);
    run("1 worker, 2 ORT threads", photos, template, 1, 2, 1, perConfig);
    run("1 worker, 1 ORT thread, batches of 4", photos, template, 1, 1, 4, perConfig);
  }

  private static void run(String name, List<RgbImage> photos, FaceTemplate template, int workers, int ortThreads,
      int batch, int total) throws IOException, InterruptedException, ExecutionException, FaceExtractionException {
    try (YuNetDetector detector = YuNetDetector.openBundled(DetectorOptions.defaults().withThreads(ortThreads))) {
      DetectAndAlign align = new DetectAndAlign(detector, template, MODEL_INPUT, MODEL_INPUT, CropResizer.BILINEAR);
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
        futures.add(pool.submit(() -> {
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
      System.out.printf(Locale.ROOT, "| %s | %.1f images/s | %.1f faces/s | %.1f ms/image |%n", name, total / seconds,
          faces.get() / seconds, 1000 * seconds / total);
    }
  }
}
