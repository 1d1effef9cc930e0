package dev.dmtl.tools.detect;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.labels.DataSplit;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.YuNetDetector;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.tools.ExitCodes;
import dev.dmtl.tools.InputPaths;
import dev.dmtl.tools.ToolInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Estimates the five-landmark face template of UTKFace's "aligned &amp; cropped" faces: runs the
 * bundled detector (default options) on TRAIN-split crops ({@link DataSplit}) and averages the
 * landmarks of the top face of each crop, in crop pixel coordinates. A model trained on these crops
 * declares this template (scaled to its crop) as {@code dmtl.face_template}, so detect mode warps
 * photos onto the same geometry.
 *
 * <p>Which crops: the TRAIN-split files ordered by SHA-256 of the file name (a fixed pseudo-random
 * order that does not follow age, the first field of the name), first {@code count}. A crop is
 * skipped when it is not 200x200, when no face passes the score threshold ("no face"), or when a
 * second face at least half the top face's box area also passes it ("ambiguous": the crop shows two
 * people and the top face may not be the labelled one).
 *
 * <p>Usage: {@code dmtl-tools face-template UTKFACE_DIR COUNT OUTPUT_JSON}, e.g. {@code
 * ../shared/data/utkface 2000 docs/face-template-utkface.json}. Prints counts, per-point spread and
 * the JSON.
 */
@Command(
    name = "face-template",
    aliases = "FaceTemplateEstimator", // the name docs/BENCHMARKS.md and older notes use
    mixinStandardHelpOptions = true,
    description =
        "Averages the detected landmarks of UTKFace TRAIN-split crops into a face template JSON.")
public final class FaceTemplateEstimator implements Callable<Integer> {

  static final int CROP = 200;
  static final double AMBIGUOUS_AREA_RATIO = 0.5;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "UTKFACE_DIR",
      description = "UTKFace crops, e.g. ../shared/data/utkface.")
  Path dir;

  @Parameters(
      index = "1",
      paramLabel = "COUNT",
      description = "How many TRAIN-split crops to examine, e.g. 2000.")
  int count;

  @Parameters(
      index = "2",
      paramLabel = "OUTPUT_JSON",
      description = "Where the template is written (overwritten).")
  Path output;

  /** What a run used and found. */
  public record Estimate(
      FaceTemplate template,
      int examined,
      int used,
      int noFace,
      int ambiguous,
      int wrongSize,
      double[] stdDev) {}

  @Override
  public Integer call() throws IOException, FaceExtractionException, ToolInputException {
    InputPaths.directory(dir, "UTKFace crops; UTKFace is not shipped, see ../shared/data/utkface");
    DetectorOptions options = DetectorOptions.defaults();
    Estimate e;
    try (YuNetDetector detector = YuNetDetector.openBundled(options)) {
      e = estimate(detector, trainCrops(dir, count));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "detector: %s%n", options);
    out.printf(
        Locale.ROOT,
        "examined %d TRAIN crops: used %d, no face %d, ambiguous %d, not %dx%d %d%n",
        e.examined(),
        e.used(),
        e.noFace(),
        e.ambiguous(),
        CROP,
        CROP,
        e.wrongSize());
    String[] names = {
      "left eye", "right eye", "nose tip", "left mouth corner", "right mouth corner"
    };
    for (int k = 0; k < FaceTemplate.LANDMARKS; k++) {
      FaceTemplate.Point p = e.template().points().get(k);
      out.printf(
          Locale.ROOT,
          "  %-19s (%.2f, %.2f)  sd (%.2f, %.2f) px%n",
          names[k],
          p.x(),
          p.y(),
          e.stdDev()[2 * k],
          e.stdDev()[2 * k + 1]);
    }
    String pretty = new String(DmtlJson.pretty(e.template()), StandardCharsets.UTF_8);
    Files.writeString(output, pretty + System.lineSeparator(), StandardCharsets.UTF_8);
    out.println(pretty);
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The first {@code count} TRAIN-split {@code *.jpg} files of {@code dir} in SHA-256-of-name
   * order.
   */
  public static List<Path> trainCrops(Path dir, int count) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jpg"))
          .filter(p -> DataSplit.of(p.getFileName().toString()) == DataSplit.TRAIN)
          .sorted(Comparator.comparing(FaceTemplateEstimator::nameHash))
          .limit(count)
          .toList();
    }
  }

  private static String nameHash(Path p) {
    return ContentHash.sha256Hex(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Averages the top face's landmarks over the usable crops. */
  public static Estimate estimate(YuNetDetector detector, List<Path> crops)
      throws IOException, FaceExtractionException {
    double[] sum = new double[2 * FaceTemplate.LANDMARKS];
    double[] sumSq = new double[sum.length];
    int used = 0;
    int noFace = 0;
    int ambiguous = 0;
    int wrongSize = 0;
    for (Path crop : crops) {
      RgbImage image = ImageFiles.read(crop);
      if (image.width() != CROP || image.height() != CROP) {
        wrongSize++;
        continue;
      }
      List<FaceDetection> faces = detector.detect(image);
      if (faces.isEmpty()) {
        noFace++;
        continue;
      }
      FaceDetection top = faces.get(0);
      double topArea = top.width() * top.height();
      if (faces.stream()
          .skip(1)
          .anyMatch(f -> f.width() * f.height() >= AMBIGUOUS_AREA_RATIO * topArea)) {
        ambiguous++;
        continue;
      }
      float[] lm = top.landmarks();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += lm[i];
        sumSq[i] += (double) lm[i] * lm[i];
      }
      used++;
    }
    if (used == 0) {
      throw new IllegalStateException(
          "no usable crop among " + crops.size() + "; nothing to average");
    }
    List<FaceTemplate.Point> points = new ArrayList<>();
    double[] sd = new double[sum.length];
    for (int k = 0; k < FaceTemplate.LANDMARKS; k++) {
      points.add(new FaceTemplate.Point(round2(sum[2 * k] / used), round2(sum[2 * k + 1] / used)));
    }
    for (int i = 0; i < sum.length; i++) {
      double mean = sum[i] / used;
      sd[i] = Math.sqrt(Math.max(0, sumSq[i] / used - mean * mean));
    }
    return new Estimate(
        new FaceTemplate(CROP, CROP, points),
        crops.size(),
        used,
        noFace,
        ambiguous,
        wrongSize,
        Arrays.copyOf(sd, sd.length));
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
