package dev.dmtl.audit.engine;

import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.Estimate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paired bootstrap of two models over the same faces: every metric and gap of a baseline and a
 * candidate population, and the change candidate − baseline with its percentile interval.
 *
 * <p>Why paired: {@link Bootstrap} draws resample b from the b-th generator split from the seed,
 * over {@link Population#clusters()} clusters. Two populations of the same rows in the same order,
 * with the same cluster numbering and the same groups, therefore get the same resample weights: in
 * resample b both models are evaluated on the very same images. The per-resample difference is a
 * sample of the change's distribution, and most of the sampling noise (which faces happen to be
 * drawn) cancels in it, so its interval is much tighter than one read off two independent
 * intervals.
 */
public final class PairedAudit {

  /**
   * One metric of one group under both models.
   *
   * @param group the group
   * @param key the metric
   * @param nBaseline the baseline's rows of the metric's task in the group (truth and prediction
   *     known)
   * @param nCandidate the candidate's
   * @param baseline the baseline's value with its own interval (same resamples)
   * @param candidate the candidate's value with its own interval
   * @param delta candidate − baseline with the paired percentile interval; NaN when either value is
   *     undefined or either model's group is below the minimum size
   */
  public record MetricChange(
      GroupKey group,
      MetricKey key,
      long nBaseline,
      long nCandidate,
      Estimate baseline,
      Estimate candidate,
      Estimate delta) {}

  /**
   * One gap under both models.
   *
   * @param grouping the grouping
   * @param task the task
   * @param metric the metric, null for task-level gaps
   * @param kind the gap kind
   * @param baseline the baseline's gap with its own interval
   * @param candidate the candidate's gap with its own interval
   * @param delta candidate − baseline with the paired percentile interval
   */
  public record GapChange(
      Grouping grouping,
      String task,
      MetricKey metric,
      GapKind kind,
      Estimate baseline,
      Estimate candidate,
      Estimate delta) {}

  /**
   * @param metrics per group (in {@link GroupIndex} order) per metric key both models have
   * @param gaps every gap both models have, in the baseline's order
   */
  public record Outcome(List<MetricChange> metrics, List<GapChange> gaps) {}

  private PairedAudit() {}

  /**
   * @param baseline the baseline model's population
   * @param candidate the candidate's: same rows, groups and clusters
   * @throws IllegalArgumentException when the two populations cannot be paired
   */
  public static Outcome run(
      Population baseline, Population candidate, PopulationAudit.Settings settings) {
    if (baseline.n() != candidate.n()
        || baseline.clusters() != candidate.clusters()
        || !baseline.index().groups().equals(candidate.index().groups())) {
      throw new IllegalArgumentException(
          "the two populations differ in rows, clusters or groups: they cannot be paired");
    }
    Side b = new Side(baseline, settings);
    Side c = new Side(candidate, settings);
    PercentileInterval interval = new PercentileInterval(settings.confidenceLevel());
    return new Outcome(metrics(b, c, interval), gaps(b, c, interval));
  }

  /** One model's point values, gap plan and bootstrap samples. */
  private static final class Side {
    final Population population;
    final MetricLayout layout;
    final double[] point;
    final boolean[][] sufficient;
    final GapPlan plan;
    final Bootstrap.Samples samples;

    Side(Population population, PopulationAudit.Settings settings) {
      this.population = population;
      this.layout = new MetricLayout(population);
      double[] stats = population.groupStats(null, population.scratch());
      this.point = layout.values(stats);
      int groups = population.index().groupCount();
      int blocks = population.blocks().size();
      int k = layout.keyCount();
      sufficient = new boolean[groups][blocks];
      for (int g = 0; g < groups; g++) {
        for (int t = 0; t < blocks; t++) {
          sufficient[g][t] = point[g * k + layout.nColumn(t)] >= settings.minGroupSize();
        }
      }
      // references go by group rows (slot 0), which are the same for both models: same reference
      int[] references =
          PopulationAudit.references(population.index(), layout, stats, settings.references());
      this.plan = new GapPlan(population, layout, point, sufficient, references);
      this.samples =
          Bootstrap.run(
              population, layout, plan, settings.resamples(), settings.seed(), settings.threads());
    }

    String gapId(GapPlan.Spec s) {
      return s.grouping()
          + "|"
          + population.blocks().get(s.block()).task()
          + "|"
          + (s.metric() == null ? "" : s.metric().id())
          + "|"
          + s.kind().jsonName();
    }
  }

  private static List<MetricChange> metrics(Side b, Side c, PercentileInterval interval) {
    Map<MetricKey, Integer> candidateColumn = new HashMap<>();
    for (int col = 0; col < c.layout.keyCount(); col++) {
      candidateColumn.put(c.layout.keys().get(col), col);
    }
    int kb = b.layout.keyCount();
    int kc = c.layout.keyCount();
    int resamples = b.samples.resamples();
    double[] colB = new double[resamples];
    double[] colC = new double[resamples];
    double[] diff = new double[resamples];
    List<MetricChange> out = new ArrayList<>();
    GroupIndex index = b.population.index();
    for (int g = 0; g < index.groupCount(); g++) {
      for (int cb = 0; cb < kb; cb++) {
        MetricKey key = b.layout.keys().get(cb);
        Integer cc = candidateColumn.get(key);
        if (key.metric() == Metric.N || cc == null) {
          continue;
        }
        int tb = b.layout.blockOf(cb);
        int tc = c.layout.blockOf(cc);
        long nb = Math.round(b.point[g * kb + b.layout.nColumn(tb)]);
        long nc = Math.round(c.point[g * kc + c.layout.nColumn(tc)]);
        boolean okB = b.sufficient[g][tb];
        boolean okC = c.sufficient[g][tc];
        int atB = g * kb + cb;
        int atC = g * kc + cc;
        for (int r = 0; r < resamples; r++) {
          colB[r] = b.samples.values()[r][atB];
          colC[r] = c.samples.values()[r][atC];
          diff[r] = colC[r] - colB[r];
        }
        double vb = okB ? b.point[atB] : Double.NaN;
        double vc = okC ? c.point[atC] : Double.NaN;
        out.add(
            new MetricChange(
                index.groups().get(g),
                key,
                nb,
                nc,
                estimate(vb, colB, resamples, interval),
                estimate(vc, colC, resamples, interval),
                estimate(vc - vb, diff, resamples, interval)));
      }
    }
    return out;
  }

  private static List<GapChange> gaps(Side b, Side c, PercentileInterval interval) {
    Map<String, Integer> candidateSpec = new HashMap<>();
    for (int s = 0; s < c.plan.specs().size(); s++) {
      candidateSpec.put(c.gapId(c.plan.specs().get(s)), s);
    }
    int resamples = b.samples.resamples();
    double[] colB = new double[resamples];
    double[] colC = new double[resamples];
    double[] diff = new double[resamples];
    List<GapChange> out = new ArrayList<>();
    for (int sb = 0; sb < b.plan.specs().size(); sb++) {
      GapPlan.Spec spec = b.plan.specs().get(sb);
      Integer sc = candidateSpec.get(b.gapId(spec));
      if (sc == null) {
        continue;
      }
      for (int r = 0; r < resamples; r++) {
        colB[r] = b.samples.gaps()[r][sb];
        colC[r] = c.samples.gaps()[r][sc];
        diff[r] = colC[r] - colB[r];
      }
      double vb = b.plan.detail(spec, b.point).value();
      double vc = c.plan.detail(c.plan.specs().get(sc), c.point).value();
      out.add(
          new GapChange(
              b.population.index().groupings().get(spec.grouping()),
              b.population.blocks().get(spec.block()).task(),
              spec.metric(),
              spec.kind(),
              estimate(vb, colB, resamples, interval),
              estimate(vc, colC, resamples, interval),
              estimate(vc - vb, diff, resamples, interval)));
    }
    return out;
  }

  /** The value with the percentile interval of the samples; reorders {@code samples}. */
  private static Estimate estimate(
      double value, double[] samples, int resamples, PercentileInterval interval) {
    if (Double.isNaN(value) || resamples == 0) {
      return Estimate.of(value);
    }
    double[] ci = interval.of(samples, resamples);
    return new Estimate(value, ci[0], ci[1]);
  }
}
