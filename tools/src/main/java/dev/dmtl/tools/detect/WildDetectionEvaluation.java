package dev.dmtl.tools.detect;

import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.NonMaxSuppression;
import dev.dmtl.inference.face.detect.YuNetDetector;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.testdata.DetectionMatch;
import dev.dmtl.testdata.DlibBoxes;
import dev.dmtl.tools.ExitCodes;
import dev.dmtl.tools.InputPaths;
import dev.dmtl.tools.ToolInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Recall and precision of the bundled detector on the annotated PASCAL VOC photos of {@code
 * ../shared/data/wild} (dlib's {@code training.xml} + {@code testing.xml}, 43 faces), at IoU &gt;=
 * 0.5, for a sweep of score thresholds and minimum face sizes, plus the best score found on {@code
 * dogs.jpg} (no human face). Prints Markdown for docs/BENCHMARKS.md.
 *
 * <p>Usage: {@code dmtl-tools wild-detection WILD_DIR}, e.g. {@code ../shared/data/wild}.
 */
@Command(
    name = "wild-detection",
    aliases = "WildDetectionEvaluation", // the name docs/BENCHMARKS.md and older notes use
    mixinStandardHelpOptions = true,
    description =
        "Recall and precision of the bundled detector on the annotated wild photos, for a sweep of score "
            + "thresholds, minimum face sizes and NMS IoUs (Markdown).")
public final class WildDetectionEvaluation implements Callable<Integer> {

  static final double MIN_IOU = 0.5;
  static final double[] SCORE_THRESHOLDS = {
    0.5, 0.6, 0.7, 0.8, 0.84, 0.85, 0.86, 0.87, 0.88, 0.9, 0.92
  };
  static final double[] MIN_FACE_SIZES = {0, 16, 24};
  static final double SWEEP_FLOOR = 0.3;
  static final double[] NMS_IOUS = {0.1, 0.2, 0.3, 0.45, 0.6};

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "WILD_DIR",
      description =
          "The photos with dlib's training.xml and testing.xml, e.g. ../shared/data/wild.")
  Path wild;

  @Override
  public Integer call() throws IOException, FaceExtractionException, ToolInputException {
    InputPaths.directory(wild, "the annotated photos; ../shared/data/wild is not part of a clone");
    InputPaths.file(wild.resolve("training.xml"), "dlib box annotations");
    InputPaths.file(wild.resolve("testing.xml"), "dlib box annotations");
    PrintWriter out = spec.commandLine().getOut();
    List<DlibBoxes.AnnotatedImage> annotated =
        new ArrayList<>(DlibBoxes.read(wild.resolve("training.xml")));
    annotated.addAll(DlibBoxes.read(wild.resolve("testing.xml")));
    Map<String, RgbImage> images = new LinkedHashMap<>();
    for (DlibBoxes.AnnotatedImage a : annotated) {
      images.put(a.file(), ImageFiles.read(wild.resolve(a.file())));
    }
    long faces = annotated.stream().mapToLong(DlibBoxes.AnnotatedImage::countedFaces).sum();
    long ignored = annotated.stream().mapToLong(a -> a.boxes().size() - a.countedFaces()).sum();
    RgbImage dogs = ImageFiles.read(wild.resolve("dogs.jpg"));
    out.printf(
        Locale.ROOT,
        "%d annotated photos, %d counted faces, %d ignore boxes; IoU >= %.1f%n%n",
        annotated.size(),
        faces,
        ignored,
        MIN_IOU);
    out.println(
        "| min face px | score >= | hits | misses | false alarms | recall | precision | faces on dogs.jpg |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (double minSize : MIN_FACE_SIZES) {
      DetectorOptions options =
          DetectorOptions.defaults().withScoreThreshold(SWEEP_FLOOR).withMinFaceSize(minSize);
      try (YuNetDetector detector = YuNetDetector.openBundled(options)) {
        // Greedy NMS never lets a lower score suppress a higher one, so filtering the output at a
        // floor threshold by a higher threshold equals running the detector at that threshold.
        List<List<FaceDetection>> found = new ArrayList<>();
        for (DlibBoxes.AnnotatedImage a : annotated) {
          found.add(detector.detect(images.get(a.file())));
        }
        List<FaceDetection> dogFaces = detector.detect(dogs);
        for (double t : SCORE_THRESHOLDS) {
          int hits = 0;
          int misses = 0;
          int falseAlarms = 0;
          for (int i = 0; i < annotated.size(); i++) {
            DetectionMatch<FaceDetection> m =
                match(above(found.get(i), t), annotated.get(i).boxes(), MIN_IOU);
            hits += m.hits();
            misses += m.misses();
            falseAlarms += m.falseAlarms();
          }
          out.printf(
              Locale.ROOT,
              "| %.0f | %.2f | %d | %d | %d | %.3f | %.3f | %d |%n",
              minSize,
              t,
              hits,
              misses,
              falseAlarms,
              (double) hits / (hits + misses),
              hits + falseAlarms == 0 ? Double.NaN : (double) hits / (hits + falseAlarms),
              above(dogFaces, t).size());
        }
      }
    }
    out.println();
    DetectorOptions defaults = DetectorOptions.defaults();
    out.println(
        "| NMS IoU (default score threshold and min size) | hits | misses | false alarms | faces on bald_guys.jpg |");
    out.println("|---|---|---|---|---|");
    RgbImage bald = ImageFiles.read(wild.resolve("bald_guys.jpg"));
    for (double nms : NMS_IOUS) {
      try (YuNetDetector detector = YuNetDetector.openBundled(defaults.withNmsIou(nms))) {
        int hits = 0;
        int misses = 0;
        int falseAlarms = 0;
        for (DlibBoxes.AnnotatedImage a : annotated) {
          DetectionMatch<FaceDetection> m =
              match(detector.detect(images.get(a.file())), a.boxes(), MIN_IOU);
          hits += m.hits();
          misses += m.misses();
          falseAlarms += m.falseAlarms();
        }
        out.printf(
            Locale.ROOT,
            "| %.2f | %d | %d | %d | %d |%n",
            nms,
            hits,
            misses,
            falseAlarms,
            detector.detect(bald).size());
      }
    }
    out.println();
    out.println("With the defaults " + defaults + ":");
    try (YuNetDetector detector =
        YuNetDetector.openBundled(defaults.withScoreThreshold(SWEEP_FLOOR))) {
      List<Double> ious = new ArrayList<>();
      for (DlibBoxes.AnnotatedImage a : annotated) {
        List<FaceDetection> all = detector.detect(images.get(a.file()));
        DetectionMatch<FaceDetection> m =
            match(above(all, defaults.scoreThreshold()), a.boxes(), MIN_IOU);
        ious.addAll(m.matchedIous());
        out.printf(
            Locale.ROOT,
            "- %s: %d faces annotated, %d hits, %d misses, %d false alarms%s%n",
            a.file(),
            a.countedFaces(),
            m.hits(),
            m.misses(),
            m.falseAlarms(),
            describe(m.unmatched()));
        // misses: how close the detector came (best IoU over all candidates at the floor)
        for (DlibBoxes.Box b : a.boxes()) {
          double bestIou = 0;
          double bestScore = 0;
          for (FaceDetection d : all) {
            double iou = NonMaxSuppression.iou(d, b.left(), b.top(), b.width(), b.height());
            if (iou > bestIou) {
              bestIou = iou;
              bestScore = d.score();
            }
          }
          if (bestIou < MIN_IOU || bestScore < defaults.scoreThreshold()) {
            out.printf(
                Locale.ROOT,
                "  - missed box %s: best candidate IoU %.2f with score %.2f%n",
                b,
                bestIou,
                bestScore);
          }
        }
      }
      out.printf(
          Locale.ROOT,
          "Hit IoU: mean %.3f, min %.3f over %d hits%n",
          ious.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
          ious.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
          ious.size());
      for (String extra : List.of("dogs.jpg", "bald_guys.jpg", "Tom_Cruise_avp_2014_4.jpg")) {
        Path p = wild.resolve(extra);
        if (Files.exists(p)) {
          List<FaceDetection> all = detector.detect(ImageFiles.read(p));
          out.printf(
              Locale.ROOT,
              "- %s (not annotated): %d faces at the default threshold; top scores %s%n",
              extra,
              above(all, defaults.scoreThreshold()).size(),
              topScores(all, 5));
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  static List<FaceDetection> above(List<FaceDetection> faces, double threshold) {
    return faces.stream().filter(f -> f.score() >= threshold).toList();
  }

  private static String topScores(List<FaceDetection> faces, int n) {
    return faces.stream()
        .limit(n)
        .map(f -> String.format(Locale.ROOT, "%.2f", f.score()))
        .toList()
        .toString();
  }

  private static String describe(List<FaceDetection> unmatched) {
    if (unmatched.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (");
    for (FaceDetection d : unmatched) {
      sb.append(
          String.format(
              Locale.ROOT,
              "[%.0f,%.0f %.0fx%.0f s=%.2f]",
              d.x(),
              d.y(),
              d.width(),
              d.height(),
              d.score()));
    }
    return sb.append(')').toString();
  }

  /**
   * Detections of the product's detector matched to annotated boxes, with the detector's own IoU.
   */
  static DetectionMatch<FaceDetection> match(
      List<FaceDetection> found, List<DlibBoxes.Box> boxes, double minIou) {
    return DetectionMatch.of(
        found,
        FaceDetection::score,
        (d, b) -> NonMaxSuppression.iou(d, b.left(), b.top(), b.width(), b.height()),
        boxes,
        minIou);
  }
}
