package dev.dmtl.audit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.contract.labels.UtkFaceNames;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.parquet.ParquetFile;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paired intervals against an independent computation: the shared faces read straight from the
 * Parquet files, images drawn with the generators the bootstrap uses (resample b: the b-th split of
 * {@code new SplittableRandom(seed)}, images numbered in (image hash, face index) order), both
 * models' accuracies in plain loops, their difference per resample, and the R-7 percentiles.
 */
class PairedBootstrapRecomputationTest {

  private static final int RESAMPLES = 200;
  private static final long SEED = 11;
  private static final double LEVEL = 0.95;

  @TempDir static Path dir;
  static Path baseline;
  static Path candidate;
  static ComparisonResult result;

  @BeforeAll
  static void compare() throws Exception {
    SyntheticRun.Files run =
        SyntheticRun.write(dir, new SyntheticRun.Options(3000, 3, false, true, true));
    baseline = run.predictions();
    candidate =
        CandidateFiles.write(baseline, dir.resolve("candidate.parquet"), 0.05, 0.1, false, 8);
    result =
        new ModelComparison(options(), List.of(), fixedClock())
            .compare(List.of(baseline), List.of(candidate));
  }

  static AuditOptions options() {
    return AuditOptions.defaults().withResamples(RESAMPLES).withSeed(SEED).withThreads(2);
  }

  static Clock fixedClock() {
    return Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
  }

  /** One face as both models saw it. */
  private record Face(String sha, int faceIndex, int gender, int race, int predB, int predC) {}

  /** The shared faces in (image hash, face index) order. */
  private static List<Face> shared() throws IOException {
    Map<String, int[]> b = rows(baseline);
    Map<String, int[]> c = rows(candidate);
    TreeMap<String, Face> out = new TreeMap<>();
    for (Map.Entry<String, int[]> e : b.entrySet()) {
      int[] cv = c.get(e.getKey());
      if (cv == null) {
        continue;
      }
      int[] bv = e.getValue();
      String[] key = e.getKey().split("#");
      out.put(
          key[0] + "#" + String.format("%010d", Integer.parseInt(key[1])),
          new Face(key[0], Integer.parseInt(key[1]), bv[0], bv[1], bv[2], cv[2]));
    }
    return new ArrayList<>(out.values());
  }

  /** Per "sha#face": gender label, race label (-1 none), gender prediction. */
  private static Map<String, int[]> rows(Path file) throws IOException {
    ParquetFile f = ParquetFile.open(file);
    Map<String, int[]> out = new HashMap<>();
    f.read(
        f.columnNames(),
        r -> {
          String race = ParquetFile.text(r, PredictionColumns.label("race"));
          out.put(
              ParquetFile.text(r, PredictionColumns.IMAGE_SHA256)
                  + "#"
                  + (int) ParquetFile.number(r, PredictionColumns.FACE_INDEX),
              new int[] {
                UtkFaceNames.GENDERS.indexOf(
                    ParquetFile.text(r, PredictionColumns.label("gender"))),
                race == null ? -1 : UtkFaceNames.RACES.indexOf(race),
                UtkFaceNames.GENDERS.indexOf(
                    ParquetFile.text(r, PredictionColumns.predicted("gender")))
              });
        });
    return out;
  }

  /** Per resample the weight of every face: how often its image was drawn. */
  private static int[][] weights(List<Face> faces, long seed) {
    int[] image = new int[faces.size()];
    int images = 0;
    for (int i = 0; i < faces.size(); i++) {
      if (i == 0 || !faces.get(i).sha().equals(faces.get(i - 1).sha())) {
        images++;
      }
      image[i] = images - 1;
    }
    SplittableRandom root = new SplittableRandom(seed);
    int[][] out = new int[RESAMPLES][faces.size()];
    for (int b = 0; b < RESAMPLES; b++) {
      SplittableRandom rng = root.split();
      int[] drawn = new int[images];
      for (int j = 0; j < images; j++) {
        drawn[rng.nextInt(images)]++;
      }
      for (int i = 0; i < faces.size(); i++) {
        out[b][i] = drawn[image[i]];
      }
    }
    return out;
  }

  /** Gender accuracy of one model over faces of one race (-2: all), each face weighted. */
  private static double accuracy(List<Face> faces, int[] w, int race, boolean candidateModel) {
    double right = 0;
    double all = 0;
    for (int i = 0; i < faces.size(); i++) {
      Face f = faces.get(i);
      if (race != -2 && f.race() != race) {
        continue;
      }
      double weight = w == null ? 1 : w[i];
      int p = candidateModel ? f.predC() : f.predB();
      all += weight;
      right += p == f.gender() ? weight : 0;
    }
    return right / all;
  }

  private static double gap(List<Face> faces, int[] w, boolean candidateModel) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int race = 0; race < UtkFaceNames.RACES.size(); race++) {
      double a = accuracy(faces, w, race, candidateModel);
      min = Math.min(min, a);
      max = Math.max(max, a);
    }
    return max - min;
  }

  /** R-7: h = (m − 1)·p, interpolate between the floor(h)-th and the next order statistic. */
  private static double percentile(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    double h = (s.length - 1) * p;
    int lo = (int) Math.floor(h);
    return lo + 1 >= s.length ? s[lo] : s[lo] + (h - lo) * (s[lo + 1] - s[lo]);
  }

  private interface Statistic {
    double of(int[] weights, boolean candidateModel);
  }

  /** {value, lower, upper} of the paired change, recomputed. */
  private static double[] change(List<Face> faces, Statistic s, long candidateSeed) {
    int[][] wb = weights(faces, SEED);
    int[][] wc = weights(faces, candidateSeed);
    double[] d = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) {
      d[b] = s.of(wc[b], true) - s.of(wb[b], false);
    }
    return new double[] {
      s.of(null, true) - s.of(null, false),
      percentile(d, (1 - LEVEL) / 2),
      percentile(d, (1 + LEVEL) / 2)
    };
  }

  private static void assertChange(double[] expected, dev.dmtl.audit.result.Estimate actual) {
    assertEquals(expected[0], actual.value(), 1e-12, "value");
    // the bootstrap keeps resample values as floats
    assertEquals(expected[1], actual.lower(), 2e-6, "lower");
    assertEquals(expected[2], actual.upper(), 2e-6, "upper");
  }

  private static MetricDelta metric(String id) {
    return result.metrics().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
  }

  private static GapDelta gapDelta(String id) {
    return result.gaps().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void overallAccuracyChangeIsThePairedBootstrap() throws IOException {
    List<Face> faces = shared();
    assertEquals(faces.size(), result.overlap().both());
    assertChange(
        change(faces, (w, c) -> accuracy(faces, w, -2, c), SEED),
        metric("gender.accuracy@all").delta());
  }

  @Test
  void groupAccuracyChangeIsThePairedBootstrap() throws IOException {
    List<Face> faces = shared();
    int black = UtkFaceNames.RACES.indexOf("black");
    assertChange(
        change(faces, (w, c) -> accuracy(faces, w, black, c), SEED),
        metric("gender.accuracy@race=black").delta());
  }

  @Test
  void gapChangeIsThePairedBootstrap() throws IOException {
    List<Face> faces = shared();
    assertChange(
        change(faces, (w, c) -> gap(faces, w, c), SEED),
        gapDelta("gender.accuracy.gap@race").delta());
  }

  @Test
  void pairedIntervalIsMuchNarrowerThanAnIndependentOne() throws IOException {
    List<Face> faces = shared();
    // the same change with the candidate resampled on its own images: two independent audits
    double[] independent = change(faces, (w, c) -> accuracy(faces, w, -2, c), SEED + 1);
    MetricDelta paired = metric("gender.accuracy@all");
    double pairedWidth = paired.delta().upper() - paired.delta().lower();
    double independentWidth = independent[2] - independent[1];
    assertTrue(
        pairedWidth < 0.5 * independentWidth,
        "paired " + pairedWidth + " vs independent " + independentWidth);
  }

  @Test
  void flippingGenderPredictionsOfAnAccurateModelIsMeasurablyWorse() {
    // 5 % of the gender answers flipped, most of them right ones: accuracy drops by about 4 points
    MetricDelta m = metric("gender.accuracy@all");
    assertTrue(m.delta().value() < -0.02, "delta " + m.delta());
    assertEquals(Verdict.WORSE, m.verdict());
    // race predictions are the same: no change at all
    MetricDelta race = metric("race.accuracy@all");
    assertEquals(0.0, race.delta().value(), 0.0);
    assertEquals(Verdict.NO_MEASURABLE_CHANGE, race.verdict());
  }
}
