package dev.dmtl.tools.detect;

import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.face.detect.Bilinear;
import dev.dmtl.inference.face.detect.CropResizer;
import dev.dmtl.inference.face.detect.DetectAndAlign;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.SimilarityTransform;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A model-free check that detect mode reproduces dataset crops: UTKFace crops are already aligned,
 * so detecting and aligning one to the UTKFace template should give back (nearly) the same crop.
 * For each crop it reports the similarity transform from the detected landmarks to the template
 * (scale, rotation, shift of the crop centre) and the mean absolute pixel difference between the
 * realigned crop and the original. The model-based check (gender agreement, age difference between
 * {@code --faces detect} and {@code --faces aligned}) needs the pipeline and a trained model; see
 * docs/BENCHMARKS.md.
 *
 * <p>Usage: {@code dmtl-tools alignment-check CROP_DIR TEMPLATE_JSON}, e.g. {@code
 * testdata/utkface-sample docs/face-template-utkface.json} (the held-out sample, not the crops the
 * template was averaged over).
 */
@Command(
    name = "alignment-check",
    aliases = "AlignmentCheck", // the name docs/BENCHMARKS.md and older notes use
    mixinStandardHelpOptions = true,
    description =
        "Re-aligns already aligned crops with detect mode and reports scale, rotation, shift and pixel "
            + "difference against the originals (no model needed).")
public final class AlignmentCheck implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "CROP_DIR",
      description = "Aligned crops (*.jpg), e.g. testdata/utkface-sample.")
  Path cropDir;

  @Parameters(
      index = "1",
      paramLabel = "TEMPLATE_JSON",
      description = "The face template, e.g. docs/face-template-utkface.json.")
  Path templateJson;

  @Override
  public Integer call() throws IOException, FaceExtractionException, ToolInputException {
    List<Path> crops;
    try (Stream<Path> files = Files.list(InputPaths.directory(cropDir, "aligned face crops"))) {
      crops = files.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
    }
    FaceTemplate template =
        ContractMetadata.parseFaceTemplate(
            Files.readString(InputPaths.file(templateJson, "a face template JSON")));
    List<Double> scales = new ArrayList<>();
    List<Double> rotations = new ArrayList<>();
    List<Double> shifts = new ArrayList<>();
    List<Double> pixelDiffs = new ArrayList<>();
    List<Double> shiftBaseline = new ArrayList<>();
    int noFace = 0;
    try (YuNetDetector detector = YuNetDetector.openBundled(DetectorOptions.defaults())) {
      DetectAndAlign align =
          new DetectAndAlign(
              detector, template, template.width(), template.height(), CropResizer.BILINEAR);
      for (Path p : crops) {
        RgbImage image = ImageFiles.read(p);
        List<FaceCrop> faces = align.extract(image);
        if (faces.isEmpty()) {
          noFace++;
          continue;
        }
        FaceCrop top = faces.get(0);
        SimilarityTransform t = align.transform(top.detection());
        scales.add(t.scale());
        rotations.add(Math.abs(Math.toDegrees(t.rotation())));
        double cx = image.width() / 2.0;
        double cy = image.height() / 2.0;
        shifts.add(
            Math.hypot(
                t.applyX(cx, cy) - template.width() / 2.0,
                t.applyY(cx, cy) - template.height() / 2.0));
        if (image.width() == template.width() && image.height() == template.height()) {
          pixelDiffs.add(meanAbsDiff(image, top.crop()));
          shiftBaseline.add(
              meanAbsDiff(
                  image,
                  Bilinear.warp(
                      image, new SimilarityTransform(1, 0, 2, 2), image.width(), image.height())));
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%d crops, %d without a face at the default threshold%n",
        crops.size(),
        noFace);
    out.println("| quantity | median | 90th percentile | max |");
    out.println("|---|---|---|---|");
    row(out, "scale (1 = same size)", scales);
    row(out, "absolute rotation (degrees)", rotations);
    row(out, "crop-centre shift (px of a " + template.width() + " px crop)", shifts);
    row(out, "mean absolute pixel difference, realigned vs original (0..255)", pixelDiffs);
    row(out, "for scale: the same, original vs itself shifted by (2, 2) px", shiftBaseline);
    out.flush();
    return ExitCodes.OK;
  }

  static double meanAbsDiff(RgbImage a, RgbImage b) {
    long sum = 0;
    for (int i = 0; i < a.data().length; i++) {
      sum += Math.abs((a.data()[i] & 0xFF) - (b.data()[i] & 0xFF));
    }
    return (double) sum / a.data().length;
  }

  private static void row(PrintWriter out, String name, List<Double> values) {
    if (values.isEmpty()) {
      out.printf(Locale.ROOT, "| %s | n/a | n/a | n/a |%n", name);
      return;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    out.printf(
        Locale.ROOT,
        "| %s | %.3f | %.3f | %.3f |%n",
        name,
        quantile(sorted, 0.5),
        quantile(sorted, 0.9),
        sorted.get(sorted.size() - 1));
  }

  private static double quantile(List<Double> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }
}
