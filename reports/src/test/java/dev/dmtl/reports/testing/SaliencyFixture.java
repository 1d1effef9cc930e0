package dev.dmtl.reports.testing;

import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.Saliency;
import dev.dmtl.audit.result.SaliencyGroup;
import dev.dmtl.audit.result.SaliencyRegion;
import dev.dmtl.audit.result.SaliencySubset;
import dev.dmtl.audit.saliency.FaceRegions;
import dev.dmtl.contract.model.FaceTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A saliency section for an audit that has none: 7 × 7 mean maps for every task and every group of
 * the overall and single-attribute groupings, each a seeded mix of blobs at the default template's
 * eyes, nose and mouth and a flat background, with the reading aid's shares computed from it. For
 * the report's rendering and browser tests; the audit's own numbers are tested in the audit module.
 */
public final class SaliencyFixture {

  private static final int SIDE = 7;

  private SaliencyFixture() {}

  /** {@code audit} with a synthetic saliency section. */
  public static AuditResult with(AuditResult audit) {
    FaceTemplate template = FaceTemplate.defaultFor(112, 112);
    List<SaliencyRegion> regions = FaceRegions.of(template);
    List<List<Double>> landmarks = new ArrayList<>();
    for (FaceTemplate.Point p : template.points()) {
      landmarks.add(List.of(p.x() / 112, p.y() / 112));
    }
    List<SaliencyGroup> maps = new ArrayList<>();
    boolean labelled = audit.mode() == dev.dmtl.audit.metrics.AuditMode.LABELLED;
    for (AuditedTask task : audit.tasks()) {
      for (GroupResult g : audit.groups()) {
        if (g.key().grouping().order() > 1 || g.n() == 0) {
          continue;
        }
        for (SaliencySubset subset : SaliencySubset.values()) {
          if (subset != SaliencySubset.ALL && !labelled) {
            continue;
          }
          long n =
              switch (subset) {
                case ALL -> g.n();
                case CORRECT -> Math.round(g.n() * 0.8);
                case WRONG -> g.n() - Math.round(g.n() * 0.8);
              };
          if (n == 0) {
            continue;
          }
          String seed = task.task().name() + "|" + g.key().id() + "|" + subset;
          List<Double> mean = blobs(new SplittableRandom(seed.hashCode()), landmarks);
          maps.add(
              new SaliencyGroup(
                  task.task().name(), g.key(), subset, (int) n, mean, shares(mean, regions)));
        }
      }
    }
    return audit.withSaliency(
        new Saliency("occlusion", SIDE, SIDE, "default", landmarks, regions, 5.0, 30, maps));
  }

  private static List<Double> blobs(SplittableRandom rng, List<List<Double>> landmarks) {
    double[] weight = {
      0.5 + rng.nextDouble(),
      0.5 + rng.nextDouble(),
      rng.nextDouble(),
      0.3 * rng.nextDouble(),
      0.3 * rng.nextDouble()
    };
    double background = 0.02 + 0.1 * rng.nextDouble();
    double[] cells = new double[SIDE * SIDE];
    double sum = 0;
    for (int row = 0; row < SIDE; row++) {
      for (int col = 0; col < SIDE; col++) {
        double x = (col + 0.5) / SIDE;
        double y = (row + 0.5) / SIDE;
        double v = background;
        for (int k = 0; k < landmarks.size(); k++) {
          double dx = x - landmarks.get(k).get(0);
          double dy = y - landmarks.get(k).get(1);
          v += weight[k] * Math.exp(-(dx * dx + dy * dy) / (2 * 0.01));
        }
        cells[row * SIDE + col] = v;
        sum += v;
      }
    }
    List<Double> out = new ArrayList<>();
    for (double v : cells) {
      out.add(v / sum);
    }
    return out;
  }

  private static Map<String, Double> shares(List<Double> mean, List<SaliencyRegion> regions) {
    Map<String, Double> out = new LinkedHashMap<>();
    double face = 0;
    for (SaliencyRegion r : regions) {
      double share = 0;
      for (int c = 0; c < mean.size(); c++) {
        share += mean.get(c) * r.overlap(c / SIDE, c % SIDE, SIDE, SIDE);
      }
      out.put(r.name(), share);
      if (r.name().equals("face")) {
        face = share;
      }
    }
    out.put(Saliency.OUTSIDE_FACE, 1 - face);
    return out;
  }
}
