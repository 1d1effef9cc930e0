package dev.dmtl.audit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.Estimate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap draws images, not faces: the faces of one photo rise and fall together. A photo
 * with two identical faces then carries no more evidence than one face, and its intervals must be
 * those of the one-face audit exactly; resampling faces would make them too narrow.
 */
class ClusterBootstrapTest {

  private static final List<String> GENDERS = List.of("male", "female");

  /** 200 images; right or wrong at random; {@code facesPerImage} identical faces each. */
  private static Population images(int facesPerImage, boolean clustered) {
    SplittableRandom rng = new SplittableRandom(5);
    int images = 200;
    int n = images * facesPerImage;
    int[] truth = new int[n];
    int[] predicted = new int[n];
    int[] cluster = new int[n];
    int[] attribute = new int[n];
    for (int image = 0; image < images; image++) {
      int t = rng.nextInt(2);
      int p = rng.nextDouble() < 0.8 ? t : 1 - t;
      for (int f = 0; f < facesPerImage; f++) {
        int i = image * facesPerImage + f;
        truth[i] = t;
        predicted[i] = p;
        attribute[i] = t;
        cluster[i] = clustered ? image : i;
      }
    }
    GroupIndex index = new GroupIndex(List.of("gender"), List.of(GENDERS), 1);
    return new Population(
        n,
        index,
        new int[][] {attribute},
        List.of(new NominalBlock("gender", GENDERS, truth, predicted)),
        cluster);
  }

  private static Estimate accuracy(Population p) {
    PopulationAudit.Outcome o =
        PopulationAudit.run(p, new PopulationAudit.Settings(1, 300, 9, 0.95, 2, List.of()));
    return o.groups().get(0).metric(MetricKey.parse("gender.accuracy")).orElseThrow().estimate();
  }

  @Test
  void twoFacesOfOnePhotoCountAsOnePhoto() {
    Estimate single = accuracy(images(1, true));
    Estimate doubled = accuracy(images(2, true));
    assertEquals(single.value(), doubled.value(), 1e-12);
    assertEquals(single.lower(), doubled.lower(), 1e-6);
    assertEquals(single.upper(), doubled.upper(), 1e-6);
    Estimate faces = accuracy(images(2, false));
    assertTrue(
        faces.upper() - faces.lower() < 0.85 * (doubled.upper() - doubled.lower()),
        "resampling faces would claim twice the evidence: " + faces + " vs " + doubled);
  }
}
