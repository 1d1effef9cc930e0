package dev.dmtl.reports.testing;

import dev.dmtl.audit.config.Correction;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.Attribute;
import dev.dmtl.audit.result.AttributeFileSummary;
import dev.dmtl.audit.result.AttributeSource;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.Coverage;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.Interval;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.ReliabilityDiagram;
import dev.dmtl.audit.significance.Significance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AuditFixture#labelled()} with what audit schema 3 adds, hand-built so that the numbers are
 * fixed whatever the audit engine does: an attribute file ({@code site} with an unknown group,
 * {@code lux} in quantile bins), calibration metrics and Aequitas rates of the overall, gender and
 * site groups, reliability diagrams of those groups, and raw p-values corrected by the audit's own
 * {@link Significance} (Holm, α = 0.05). Site C is pinned: the gender model is badly over-confident
 * there (ECE {@value #SITE_C_ECE}) and its gender accuracy is flagged.
 */
public final class CalibratedAuditFixture {

  public static final String ATTRIBUTE_FILE = "runs/utk/attributes.csv";
  public static final String ATTRIBUTE_SHA =
      "5e1d7c0b9a8f7e6d5c4b3a29181706f5e4d3c2b1a09f8e7d6c5b4a3928170605";

  /** Gender ECE of site C: written 0.142. */
  public static final double SITE_C_ECE = 0.1423;

  static final List<String> SITES = List.of("A", "B", "C", "unknown");
  static final long[] SITE_N = {1500, 1000, 488, 12};
  static final List<String> LUX = List.of("q1", "q2", "q3", "unknown");
  static final long[] LUX_N = {996, 996, 996, 12};

  private CalibratedAuditFixture() {}

  public static AuditResult build() {
    AuditResult base = AuditFixture.labelled();
    List<Attribute> attributes = new ArrayList<>(base.attributes());
    attributes.add(new Attribute("site", null, AttributeSource.FILE, SITES, null, List.of(), 12));
    attributes.add(
        new Attribute("lux", null, AttributeSource.FILE, LUX, "lux=q3", List.of(35.2, 88.9), 12));
    List<Grouping> groupings = new ArrayList<>();
    for (Grouping g : base.groupings()) {
      groupings.add(g);
      if (g.equals(Grouping.of("age"))) {
        groupings.add(Grouping.of("site"));
        groupings.add(Grouping.of("lux"));
      }
    }
    GroupResult overall = base.overall();
    List<GroupResult> groups = new ArrayList<>();
    for (GroupResult g : base.groups()) {
      groups.add(g);
      if (g.key().equals(new GroupKey(Grouping.of("age"), List.of(AuditFixture.AGES.get(8))))) {
        for (int i = 0; i < SITES.size(); i++) {
          groups.add(derived(overall, Grouping.of("site"), SITES.get(i), SITE_N[i], i == 0, i));
        }
        for (int i = 0; i < LUX.size(); i++) {
          groups.add(derived(overall, Grouping.of("lux"), LUX.get(i), LUX_N[i], i == 0, i + 4));
        }
      }
    }
    groups = withCalibrationAndRates(groups);
    groups = withPValues(groups);
    List<GapResult> gaps = new ArrayList<>(base.gaps());
    for (String attribute : List.of("site", "lux")) {
      Grouping g = Grouping.of(attribute);
      List<GroupResult> members =
          groups.stream().filter(r -> r.key().grouping().equals(g)).toList();
      for (MetricKey key :
          List.of(
              MetricKey.of("age", Metric.MAE),
              MetricKey.of("gender", Metric.ACCURACY),
              MetricKey.of("race", Metric.ACCURACY))) {
        gaps.addAll(AuditFixture.metricGaps(g, key, members, groups.get(0)));
      }
    }
    Significance.Applied applied =
        Significance.apply(groups, base.coverage().rows(), gaps, Correction.HOLM, 0.05);
    AuditResult result =
        new AuditResult(
            AuditResult.SCHEMA_VERSION,
            base.mode(),
            base.notice(),
            base.provenance(),
            base.tasks(),
            attributes,
            new AttributeFileSummary(ATTRIBUTE_FILE, ATTRIBUTE_SHA, "path", 3095, 3100, 12, 7),
            groupings,
            applied.groups(),
            applied.gaps(),
            base.confusionMatrices(),
            reliability(),
            applied.summary(),
            new Coverage(
                base.coverage().perGroup(), base.coverage().unlabelledInputs(), applied.coverage()),
            base.deadLetterReasons(),
            List.of(),
            base.warnings(),
            null);
    return result.withRuleOutcomes(base.ruleOutcomes());
  }

  /**
   * A file-attribute group: the overall group's metrics at its size, shifted a little per value.
   */
  private static GroupResult derived(
      GroupResult overall, Grouping grouping, String value, long n, boolean reference, int i) {
    boolean small = n < 30;
    double shift = (i % 4 - 1.5) * 0.012 - (value.equals("C") ? 0.2 : 0);
    List<MetricResult> metrics = new ArrayList<>();
    for (MetricResult m : overall.metrics()) {
      if (small || m.estimate().isNaN()) {
        metrics.add(
            new MetricResult(
                m.key(),
                n,
                small,
                Estimate.NAN,
                Interval.NONE,
                Estimate.NAN,
                Estimate.NAN,
                Estimate.NAN));
        continue;
      }
      boolean share = m.key().metric().isProportion();
      if (m.key().metric() == Metric.N) {
        metrics.add(
            new MetricResult(
                m.key(),
                n,
                false,
                Estimate.of((double) n),
                Interval.NONE,
                Estimate.NAN,
                Estimate.NAN,
                Estimate.NAN));
        continue;
      }
      double v = share ? clamp(m.value() + shift) : m.value() * (1 - shift * 4);
      metrics.add(result(m.key(), n, v, share));
    }
    return new GroupResult(new GroupKey(grouping, List.of(value)), n, reference, metrics);
  }

  private static MetricResult result(MetricKey key, long n, double v, boolean share) {
    double h =
        share
            ? 1.96 * Math.sqrt(v * (1 - v) / n)
            : 1.96 * 0.8 * Math.abs(v) / Math.sqrt((double) n);
    return new MetricResult(
        key,
        n,
        false,
        new Estimate(v, v - h, v + h),
        share ? new Interval(v - h, v + h) : Interval.NONE,
        Estimate.NAN,
        Estimate.NAN,
        Estimate.NAN);
  }

  private static double clamp(double v) {
    return Math.max(0.001, Math.min(0.999, v));
  }

  /** Calibration metrics and Aequitas rates of gender for the overall, gender and site groups. */
  private static List<GroupResult> withCalibrationAndRates(List<GroupResult> groups) {
    Map<GroupKey, GroupResult> out = new HashMap<>();
    List<GroupResult> list = new ArrayList<>();
    for (GroupResult g : groups) {
      String grouping = g.key().grouping().id();
      boolean calibrated =
          g.key().isOverall() || grouping.equals("gender") || grouping.equals("site");
      if (!calibrated || g.n() < 30) {
        list.add(g);
        continue;
      }
      double acc = g.value(MetricKey.of("gender", Metric.ACCURACY));
      boolean siteC = "C".equals(g.key().value("site"));
      List<MetricResult> metrics = new ArrayList<>(g.metrics());
      double ece = siteC ? SITE_C_ECE : 0.021 + (0.915 - acc) * 0.4;
      metrics.add(result(MetricKey.of("gender", Metric.ECE), g.n(), ece, false));
      metrics.add(result(MetricKey.of("gender", Metric.ECE_MASS), g.n(), ece * 1.1, false));
      metrics.add(result(MetricKey.of("gender", Metric.MCE), g.n(), ece * 2.6, false));
      metrics.add(result(MetricKey.of("gender", Metric.BRIER), g.n(), 0.14 + ece, false));
      metrics.add(result(MetricKey.of("gender", Metric.LOG_LOSS), g.n(), 0.25 + ece * 3, false));
      metrics.add(result(MetricKey.of("gender", Metric.ROC_AUC), g.n(), 0.97 - ece, false));
      metrics.add(result(MetricKey.of("age", Metric.THRESHOLD_ECE), g.n(), 0.03 + ece / 4, false));
      metrics.add(result(MetricKey.of("age", Metric.THRESHOLD_BRIER), g.n(), 0.05, false));
      metrics.add(result(MetricKey.of("age", Metric.EXPECTED_BIAS), g.n(), 0.8 - ece * 5, false));
      metrics.add(result(MetricKey.of("age", Metric.EXPECTED_ECE), g.n(), 1.6 + ece * 5, false));
      for (int c = 0; c < AuditFixture.GENDERS.size(); c++) {
        String label = AuditFixture.GENDERS.get(c);
        String own = g.key().value("gender");
        double prevalence = own == null ? (c == 0 ? 0.52 : 0.48) : own.equals(label) ? 1 : 0;
        double fnr = 1 - acc + (c == 1 ? 0.01 : -0.01);
        double fpr = 1 - acc + (c == 1 ? -0.01 : 0.01);
        rate(metrics, g, label, Metric.FNR, prevalence == 0 ? Double.NaN : fnr);
        rate(metrics, g, label, Metric.FPR, prevalence == 1 ? Double.NaN : fpr);
        rate(metrics, g, label, Metric.TNR, prevalence == 1 ? Double.NaN : 1 - fpr);
        rate(metrics, g, label, Metric.FDR, 0.06 + (c == 1 ? 0.02 : 0) + (siteC ? 0.04 : 0));
        rate(metrics, g, label, Metric.FOR, 0.07 + (c == 1 ? -0.01 : 0.01));
        rate(metrics, g, label, Metric.NPV, 0.93 - (c == 1 ? -0.01 : 0.01));
        rate(
            metrics,
            g,
            label,
            Metric.SELECTION_RATE,
            prevalence * (1 - fnr) + (1 - prevalence) * fpr);
        rate(metrics, g, label, Metric.PREVALENCE, prevalence);
      }
      GroupResult r = new GroupResult(g.key(), g.n(), g.reference(), metrics);
      out.put(g.key(), r);
      list.add(r);
    }
    // disparities: the group's rate over its reference group's
    List<GroupResult> withRatios = new ArrayList<>();
    for (GroupResult g : list) {
      GroupResult ref =
          list.stream()
              .filter(r -> r.reference() && r.key().grouping().equals(g.key().grouping()))
              .findFirst()
              .orElse(null);
      if (ref == null || !out.containsKey(g.key())) {
        withRatios.add(g);
        continue;
      }
      List<MetricResult> metrics = new ArrayList<>();
      for (MetricResult m : g.metrics()) {
        double r = ref.value(m.key());
        if (m.estimate().isNaN() || Double.isNaN(r) || m.key().metric() == Metric.N) {
          metrics.add(m);
          continue;
        }
        double ratio = m.value() / r;
        double diff = m.value() - r;
        // the reference against itself: exactly parity, as the audit's bootstrap gives it
        double spread = g.reference() ? 0 : 0.02;
        metrics.add(
            new MetricResult(
                m.key(),
                m.n(),
                m.insufficient(),
                m.estimate(),
                m.wilson(),
                new Estimate(diff, diff - spread, diff + spread),
                new Estimate(ratio, ratio * (1 - 5 * spread), ratio * (1 + 5 * spread)),
                m.vsOverall()));
      }
      withRatios.add(new GroupResult(g.key(), g.n(), g.reference(), metrics));
    }
    return withRatios;
  }

  private static void rate(
      List<MetricResult> metrics, GroupResult g, String label, Metric metric, double v) {
    MetricKey key = MetricKey.ofClass("gender", metric, label);
    if (Double.isNaN(v)) {
      metrics.add(
          new MetricResult(
              key,
              g.n(),
              false,
              Estimate.NAN,
              Interval.NONE,
              Estimate.NAN,
              Estimate.NAN,
              Estimate.NAN));
    } else {
      metrics.add(result(key, g.n(), Math.max(0, Math.min(1, v)), true));
    }
  }

  /**
   * Raw p-values of every tested metric of the groups of one attribute (not the reference, not the
   * overall group): a normal tail of the difference to the reference over a crude standard error,
   * so larger differences in larger groups get smaller p-values.
   */
  private static List<GroupResult> withPValues(List<GroupResult> groups) {
    List<GroupResult> out = new ArrayList<>();
    for (GroupResult g : groups) {
      if (g.key().isOverall() || g.reference() || g.key().grouping().order() != 1) {
        out.add(g);
        continue;
      }
      GroupResult ref =
          groups.stream()
              .filter(r -> r.reference() && r.key().grouping().equals(g.key().grouping()))
              .findFirst()
              .orElseThrow();
      List<MetricResult> metrics = new ArrayList<>();
      for (MetricResult m : g.metrics()) {
        double r = ref.value(m.key());
        Metric metric = m.key().metric();
        if (!metric.isTested()
            || metric.testedAs() != metric
            || m.estimate().isNaN()
            || Double.isNaN(r)) {
          metrics.add(m);
          continue;
        }
        double se = Math.max(1e-3, (m.estimate().upper() - m.estimate().lower()) / 3.92);
        double z = Math.abs(m.value() - r) / (se * Math.sqrt(2));
        metrics.add(m.withPValue(Math.min(1, 2 * normalTail(z))));
      }
      out.add(new GroupResult(g.key(), g.n(), g.reference(), metrics));
    }
    return out;
  }

  /** P(Z &gt; z) of the standard normal. */
  private static double normalTail(double z) {
    return 1
        - new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(z);
  }

  /** Diagrams of the overall, gender and site groups. */
  private static List<ReliabilityDiagram> reliability() {
    List<ReliabilityDiagram> out = new ArrayList<>();
    List<GroupKey> keys = new ArrayList<>();
    keys.add(GroupKey.OVERALL);
    AuditFixture.GENDERS.forEach(v -> keys.add(new GroupKey(Grouping.of("gender"), List.of(v))));
    for (int i = 0; i < 3; i++) {
      keys.add(new GroupKey(Grouping.of("site"), List.of(SITES.get(i))));
    }
    for (int k = 0; k < keys.size(); k++) {
      GroupKey key = keys.get(k);
      long n = key.isOverall() ? AuditFixture.TOTAL : k <= 2 ? 1500 - 60 * k : SITE_N[k - 3];
      double over = "C".equals(key.value("site")) ? 0.14 : 0.02 + 0.01 * k;
      out.add(confidence(key, "confidence_width", widthEdges(), n, over));
      out.add(confidence(key, "confidence_mass", massEdges(), n, over));
      out.add(confidence(key, "thresholds", widthEdges(), n * 115, over / 3));
      out.add(expectedAge(key, n));
    }
    return out;
  }

  private static double[] widthEdges() {
    double[] e = new double[11];
    for (int i = 0; i <= 10; i++) {
      e[i] = i / 10.0;
    }
    return e;
  }

  private static double[] massEdges() {
    return new double[] {0.5, 0.71, 0.82, 0.88, 0.92, 0.95, 0.97, 0.98, 0.99, 0.995, 1};
  }

  /**
   * A diagram whose answers pile up near 1 and whose observed share lies {@code over} below the
   * predicted one (over-confidence); bins below 0.5 are empty for a two-class confidence.
   */
  private static ReliabilityDiagram confidence(
      GroupKey key, String kind, double[] edges, long n, double over) {
    boolean nominal = kind.startsWith("confidence");
    List<ReliabilityDiagram.Bin> bins = new ArrayList<>();
    double[] weight = new double[edges.length - 1];
    double total = 0;
    for (int b = 0; b < weight.length; b++) {
      double mid = (edges[b] + edges[b + 1]) / 2;
      weight[b] =
          nominal && edges[b + 1] <= 0.5 ? 0 : kind.equals("confidence_mass") ? 1 : 0.2 + mid * mid;
      total += weight[b];
    }
    for (int b = 0; b < weight.length; b++) {
      long count = Math.round(n * weight[b] / total);
      double mid = (edges[b] + edges[b + 1]) / 2;
      double observed = Math.max(0, mid - over * mid);
      bins.add(
          count == 0
              ? new ReliabilityDiagram.Bin(edges[b], edges[b + 1], 0, Double.NaN, Double.NaN)
              : new ReliabilityDiagram.Bin(edges[b], edges[b + 1], count, mid, observed));
    }
    return new ReliabilityDiagram(key, nominal ? "gender" : "age", kind, bins);
  }

  /** Expected against true age by predicted age group: the old are older than expected. */
  private static ReliabilityDiagram expectedAge(GroupKey key, long n) {
    List<Double> edges = List.of(0.0, 3.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 116.0);
    double[] share = {0.06, 0.06, 0.06, 0.30, 0.18, 0.10, 0.10, 0.07, 0.07};
    List<ReliabilityDiagram.Bin> bins = new ArrayList<>();
    for (int b = 0; b < share.length; b++) {
      double mid = b == share.length - 1 ? 78 : (edges.get(b) + edges.get(b + 1)) / 2;
      bins.add(
          new ReliabilityDiagram.Bin(
              edges.get(b),
              edges.get(b + 1),
              Math.round(n * share[b]),
              mid,
              mid * (1 + (mid - 35) / 700)));
    }
    return new ReliabilityDiagram(key, "age", "expected_age", bins);
  }
}
