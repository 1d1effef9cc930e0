package dev.dmtl.tools.bench;

import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.explain.DeletionCurve;
import dev.dmtl.inference.explain.FaceExplanation;
import dev.dmtl.inference.explain.ModelRandomisation;
import dev.dmtl.inference.explain.OcclusionExplainer;
import dev.dmtl.inference.explain.OcclusionGrid;
import dev.dmtl.inference.explain.SaliencyMap;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePrediction;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.InferenceException;
import dev.dmtl.inference.model.ModelOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * The exact class activation maps' half of {@code dmtl-tools explain-sanity --method cam}
 * (docs/BENCHMARKS.md, "Explanations"): their cost against plain inference and occlusion, the
 * deletion test with CAM-ranked cells (next to occlusion-ranked cells on the same grid), the
 * model-randomisation test, and the rank correlation of CAM and occlusion maps, all on the same
 * faces in one run.
 */
final class CamSanity {

  /** Faces per ONNX Runtime call in the timing, as {@code dmtl infer} batches. */
  private static final int BATCH = 32;

  /** Faces whose occlusion at the default 7 × 7 grid is timed (it is the slow part). */
  private static final int OCCLUSION_TIMED = 20;

  private final DmtlModel model;
  private final byte[] bytes;
  private final ModelOptions options;
  private final List<RgbImage> crops;
  private final List<Double> fractions;
  private final int draws;
  private final long seed;
  private final PrintWriter out;
  private final SpearmansCorrelation spearman = new SpearmansCorrelation();
  private DmtlModel baseline;
  private boolean speedOnly;

  /** Only the timings, not the deletion, correlation and randomisation tests. */
  CamSanity speedOnly(boolean only) {
    this.speedOnly = only;
    return this;
  }

  /**
   * Also times plain inference of {@code other} (e.g. the model before its CAM outputs were added)
   * in the same alternating loop, to show what declaring the outputs costs plain inference.
   */
  CamSanity withBaseline(DmtlModel other) {
    this.baseline = other;
    return this;
  }

  CamSanity(
      DmtlModel model,
      byte[] bytes,
      ModelOptions options,
      List<RgbImage> crops,
      List<Double> fractions,
      int draws,
      long seed,
      PrintWriter out) {
    this.model = model;
    this.bytes = bytes.clone();
    this.options = options;
    this.crops = List.copyOf(crops);
    this.fractions = List.copyOf(fractions);
    this.draws = draws;
    this.seed = seed;
    this.out = out;
  }

  void run() throws Exception {
    List<TaskSpec> tasks = model.contract().tasks();
    try (FacePredictor predictor = model.newPredictor()) {
      if (!predictor.explainable()) {
        throw new IllegalArgumentException(
            model.file().source()
                + " is not explainable ("
                + model.contract().explainability()
                + ")");
      }
      int grid = predictor.camGrid().get(tasks.get(0).name())[0];
      List<FaceCrop> faces = crops.stream().map(c -> new FaceCrop(0, null, c)).toList();
      speed(predictor, faces, grid);
      if (speedOnly) {
        out.flush();
        return;
      }
      List<FacePrediction> cams = predict(predictor, faces);
      deletionAndCorrelation(predictor, tasks, cams, grid);
      randomisation(tasks, faces, cams);
    }
    out.flush();
  }

  /**
   * Plain batched inference against the same batches with CAMs, alternating batch by batch so both
   * see the same machine load; then occlusion per face at the CAM's grid and at 7 × 7.
   */
  private void speed(FacePredictor predictor, List<FaceCrop> faces, int grid)
      throws InferenceException {
    predict(predictor, faces.subList(0, Math.min(BATCH, faces.size()))); // warm-up
    long plain = 0;
    long withCams = 0;
    long other = 0;
    try (FacePredictor base = baseline == null ? null : baseline.newPredictor()) {
      if (base != null) {
        base.predict(faces.subList(0, Math.min(BATCH, faces.size()))); // warm-up
      }
      for (int round = 0; round < 3; round++) {
        for (int from = 0; from < faces.size(); from += BATCH) {
          List<FaceCrop> batch = faces.subList(from, Math.min(faces.size(), from + BATCH));
          long t0 = System.nanoTime();
          predictor.predict(batch, false);
          long t1 = System.nanoTime();
          predictor.predict(batch, true);
          long t2 = System.nanoTime();
          if (base != null) {
            base.predict(batch);
          }
          long t3 = System.nanoTime();
          plain += t1 - t0;
          withCams += t2 - t1;
          other += t3 - t2;
        }
      }
    }
    double n = 3.0 * faces.size();
    double plainPerFace = plain / 1e9 / n;
    double camPerFace = withCams / 1e9 / n;
    if (baseline != null) {
      out.printf(
          Locale.ROOT,
          "speed: plain inference of %s (%s) %.4f s per face in the same loop: this model's plain"
              + " inference is %.3fx it%n",
          baseline.file().source(),
          baseline.file().sha256().substring(0, 12),
          other / 1e9 / n,
          plainPerFace / (other / 1e9 / n));
    }
    out.printf(
        Locale.ROOT,
        "speed (batches of %d, 3 rounds, alternating): plain inference %.4f s per face, with exact"
            + " CAMs %.4f s per face: %.3fx (CAM overhead %+.1f %%)%n",
        BATCH,
        plainPerFace,
        camPerFace,
        camPerFace / plainPerFace,
        100 * (camPerFace / plainPerFace - 1));
    int timed = Math.min(OCCLUSION_TIMED, crops.size());
    for (int size : new int[] {grid, OcclusionGrid.DEFAULT_SIZE}) {
      OcclusionExplainer explainer =
          new OcclusionExplainer(
              predictor, OcclusionGrid.of(size), OcclusionExplainer.DEFAULT_BATCH);
      List<TaskSpec> tasks = model.contract().tasks();
      long t0 = System.nanoTime();
      for (int i = 0; i < timed; i++) {
        explainer.explain(crops.get(i), tasks);
      }
      double perFace = (System.nanoTime() - t0) / 1e9 / timed;
      out.printf(
          Locale.ROOT,
          "speed: occlusion %dx%d (%d evaluations) %.3f s per face over %d faces = %.0fx a face"
              + " with exact CAMs%n",
          size,
          size,
          size * size + 1,
          perFace,
          timed,
          perFace / camPerFace);
    }
  }

  /**
   * Deletion test of CAM-ranked cells and of occlusion-ranked cells on the CAM's grid (the same
   * random cells for both: same seed), and the Spearman correlation of the two maps per face.
   */
  private void deletionAndCorrelation(
      FacePredictor predictor, List<TaskSpec> tasks, List<FacePrediction> cams, int grid)
      throws InferenceException {
    OcclusionExplainer explainer =
        new OcclusionExplainer(predictor, OcclusionGrid.of(grid), OcclusionExplainer.DEFAULT_BATCH);
    int nf = fractions.size();
    double[][] camSalient = new double[tasks.size()][nf];
    double[][] occSalient = new double[tasks.size()][nf];
    double[][] random = new double[tasks.size()][nf];
    int[] camWins = new int[tasks.size()];
    int[] occWins = new int[tasks.size()];
    List<DescriptiveStatistics> rho = new ArrayList<>();
    tasks.forEach(t -> rho.add(new DescriptiveStatistics()));
    int n = crops.size();
    for (int i = 0; i < n; i++) {
      FaceExplanation occlusion = explainer.explain(crops.get(i), tasks);
      for (int t = 0; t < tasks.size(); t++) {
        TaskSpec task = tasks.get(t);
        SaliencyMap cam = cams.get(i).maps().get(task.name());
        SaliencyMap occ = SaliencyMap.of(occlusion.map(task.name()));
        rho.get(t).addValue(spearman.correlation(comparable(task, cam), comparable(task, occ)));
        DeletionCurve byCam =
            explainer.deletion(crops.get(i), task, cams.get(i), cam, fractions, draws, seed + i);
        DeletionCurve byOcc =
            explainer.deletion(
                crops.get(i), task, occlusion.prediction(), occ, fractions, draws, seed + i);
        for (int k = 0; k < nf; k++) {
          camSalient[t][k] += byCam.salient().get(k) / n;
          occSalient[t][k] += byOcc.salient().get(k) / n;
          random[t][k] += byCam.random().get(k) / n;
        }
        camWins[t] += byCam.salientArea() > byCam.randomArea() ? 1 : 0;
        occWins[t] += byOcc.salientArea() > byOcc.randomArea() ? 1 : 0;
      }
    }
    out.printf(
        Locale.ROOT,
        "deletion test on the %dx%d grid of the CAM, %d random draws: mean effect of greying the"
            + " share of cells, ranked by CAM / by occlusion / at random (age: |change of expected"
            + " age|, years; gender, race: drop of the predicted label's probability)%n",
        grid,
        grid,
        draws);
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-8s", "task"));
    fractions.forEach(
        f ->
            head.append(
                String.format(
                    Locale.ROOT,
                    " %23s",
                    Math.max(1, Math.round(f * grid * grid)) + " cells (" + f * 100 + " %)")));
    head.append("  faces where CAM > random / occlusion > random (area)");
    out.println(head);
    for (int t = 0; t < tasks.size(); t++) {
      StringBuilder row =
          new StringBuilder(String.format(Locale.ROOT, "%-8s", tasks.get(t).name()));
      for (int k = 0; k < nf; k++) {
        row.append(
            String.format(
                Locale.ROOT,
                " %7.4f/%7.4f/%-7.4f",
                camSalient[t][k],
                occSalient[t][k],
                random[t][k]));
      }
      row.append(
          String.format(
              Locale.ROOT,
              "  %d/%d (%.1f %%) / %d/%d (%.1f %%)",
              camWins[t],
              n,
              100.0 * camWins[t] / n,
              occWins[t],
              n,
              100.0 * occWins[t] / n));
      out.println(row);
    }
    out.println(
        "rank correlation of CAM and occlusion maps on the same cells (Spearman per face; age:"
            + " |CAM| vs |change|, gender/race: signed CAM vs probability drop)");
    for (int t = 0; t < tasks.size(); t++) {
      out.println("  " + tasks.get(t).name() + ": " + summary(rho.get(t)));
    }
  }

  /**
   * Maps of a model with re-initialised top layers against the trained model's, with two
   * references: the trained model on the same crops with ±4 levels of pixel noise (what "the same
   * map" looks like) and the trained model's maps of two different faces (what "unrelated maps of
   * aligned faces" look like).
   */
  private void randomisation(
      List<TaskSpec> tasks, List<FaceCrop> faces, List<FacePrediction> trained) throws Exception {
    List<FacePrediction> noisy;
    try (FacePredictor predictor = model.newPredictor()) {
      noisy = predict(predictor, noisy(faces, 4, seed));
    }
    out.println(
        "model-randomisation test: Spearman of each face's CAM with the trained model's CAM of the"
            + " same face (mean ± sd [quartiles]; mean |rho|)");
    for (int t = 0; t < tasks.size(); t++) {
      TaskSpec task = tasks.get(t);
      out.println("  " + task.name() + ":");
      out.println(
          "    trained, input with +-4 levels of noise: " + correlation(task, trained, noisy, 0));
      out.println(
          "    trained, another face (i vs i+1):       " + correlation(task, trained, trained, 1));
    }
    for (ModelRandomisation.Scope scope : ModelRandomisation.Scope.values()) {
      byte[] random = ModelRandomisation.randomise("model", bytes, scope, seed);
      List<FacePrediction> maps;
      try (DmtlModel m = DmtlModel.load("randomised", random, options);
          FacePredictor predictor = m.newPredictor()) {
        maps = predict(predictor, faces);
      }
      out.println("  re-initialised " + scope.name().toLowerCase(Locale.ROOT) + ":");
      for (TaskSpec task : tasks) {
        out.printf(Locale.ROOT, "    %-7s %s%n", task.name(), correlation(task, trained, maps, 0));
      }
    }
  }

  /** Spearman of a's map of face i with b's map of face (i + shift) mod n, summarised. */
  private String correlation(
      TaskSpec task, List<FacePrediction> a, List<FacePrediction> b, int shift) {
    DescriptiveStatistics rho = new DescriptiveStatistics();
    DescriptiveStatistics abs = new DescriptiveStatistics();
    int n = a.size();
    for (int i = 0; i < n; i++) {
      double r =
          spearman.correlation(
              comparable(task, a.get(i).maps().get(task.name())),
              comparable(task, b.get((i + shift) % n).maps().get(task.name())));
      rho.addValue(r);
      abs.addValue(Math.abs(r));
    }
    return summary(rho) + "; mean |rho| " + String.format(Locale.ROOT, "%.3f", abs.getMean());
  }

  private static String summary(DescriptiveStatistics s) {
    return String.format(
        Locale.ROOT,
        "%.3f ± %.3f [%.3f, %.3f, %.3f] (n %d)",
        s.getMean(),
        s.getStandardDeviation(),
        s.getPercentile(25),
        s.getPercentile(50),
        s.getPercentile(75),
        s.getN());
  }

  /**
   * A map's cells as compared: an ordinal map by magnitude (its occlusion effect is an absolute
   * change of the expected rank), a nominal map as it is.
   */
  private static double[] comparable(TaskSpec task, SaliencyMap map) {
    float[] v = map.values();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = task.kind() == TaskKind.ORDINAL ? Math.abs(v[i]) : v[i];
    }
    return out;
  }

  private static List<FacePrediction> predict(FacePredictor predictor, List<FaceCrop> faces)
      throws InferenceException {
    List<FacePrediction> out = new ArrayList<>();
    for (int from = 0; from < faces.size(); from += BATCH) {
      out.addAll(
          predictor.predict(faces.subList(from, Math.min(faces.size(), from + BATCH)), true));
    }
    return out;
  }

  /** The crops with uniform noise of ±{@code levels} 8-bit levels per sample, seeded. */
  private static List<FaceCrop> noisy(List<FaceCrop> crops, int levels, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<FaceCrop> out = new ArrayList<>();
    for (FaceCrop c : crops) {
      byte[] px = Arrays.copyOf(c.crop().data(), c.crop().data().length);
      for (int i = 0; i < px.length; i++) {
        int v = (px[i] & 0xff) + random.nextInt(-levels, levels + 1);
        px[i] = (byte) Math.max(0, Math.min(255, v));
      }
      out.add(new FaceCrop(0, null, new RgbImage(c.crop().width(), c.crop().height(), px)));
    }
    return out;
  }
}
