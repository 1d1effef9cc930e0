package dev.dmtl.reports.testing;

import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.compare.DeltaRule;
import dev.dmtl.audit.compare.GapDelta;
import dev.dmtl.audit.compare.MetricDelta;
import dev.dmtl.audit.compare.Overlap;
import dev.dmtl.audit.compare.Verdict;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.Estimate;
import java.util.List;

/**
 * A hand-built comparison whose candidate is {@link AuditFixture}'s model, with pinned numbers: one
 * change of each verdict among the headline metrics and gaps, a metric that is not a headline, a
 * passed and a violated gate, a warning.
 */
public final class ComparisonFixture {

  public static final String BASELINE_SHA =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  /** Faces in both, only in the baseline, only in the candidate. */
  public static final Overlap OVERLAP = new Overlap(25, 40, 2960);

  /** Overall gender accuracy: 0.890 → 0.912, change +0.022 [+0.012, +0.031], improved. */
  public static final Estimate GENDER_ACCURACY_DELTA = new Estimate(0.02234, 0.01210, 0.03120);

  private ComparisonFixture() {}

  /** A comparison of {@code candidate}'s model against a baseline over its faces. */
  public static ComparisonResult against(AuditResult candidate) {
    GroupKey all = GroupKey.OVERALL;
    GroupKey black = new GroupKey(Grouping.of("race"), List.of("black"));
    MetricKey genderAccuracy = MetricKey.of("gender", Metric.ACCURACY);
    MetricKey raceAccuracy = MetricKey.of("race", Metric.ACCURACY);
    List<MetricDelta> metrics =
        List.of(
            new MetricDelta(
                all,
                genderAccuracy,
                2960,
                2960,
                new Estimate(0.89000, 0.87800, 0.90100),
                AuditFixture.GENDER_ACCURACY,
                GENDER_ACCURACY_DELTA,
                Verdict.IMPROVED),
            new MetricDelta(
                all,
                MetricKey.of("gender", Metric.MACRO_F1),
                2960,
                2960,
                new Estimate(0.905, 0.894, 0.916),
                new Estimate(0.908, 0.897, 0.919),
                new Estimate(0.003, -0.004, 0.010),
                Verdict.NO_MEASURABLE_CHANGE),
            new MetricDelta(
                all,
                raceAccuracy,
                2960,
                2960,
                new Estimate(0.842, 0.829, 0.855),
                new Estimate(0.821, 0.807, 0.834),
                new Estimate(-0.021, -0.030, -0.012),
                Verdict.WORSE),
            new MetricDelta(
                all,
                MetricKey.of("age", Metric.MAE),
                2960,
                2960,
                new Estimate(5.71, 5.48, 5.95),
                AuditFixture.AGE_MAE,
                new Estimate(-0.2779, -0.4012, -0.1530),
                Verdict.IMPROVED),
            new MetricDelta(
                black,
                genderAccuracy,
                410,
                410,
                new Estimate(0.861, 0.827, 0.893),
                new Estimate(0.870, 0.837, 0.900),
                new Estimate(0.009, -0.012, 0.030),
                Verdict.NO_MEASURABLE_CHANGE),
            new MetricDelta(
                new GroupKey(Grouping.of("race", "age"), List.of("others", "70+")),
                genderAccuracy,
                12,
                12,
                Estimate.NAN,
                Estimate.NAN,
                Estimate.NAN,
                Verdict.NOT_EVALUABLE));
    List<GapDelta> gaps =
        List.of(
            new GapDelta(
                Grouping.of("race"),
                "gender",
                genderAccuracy,
                GapKind.DIFFERENCE,
                new Estimate(0.061, 0.040, 0.083),
                new Estimate(0.048, 0.029, 0.069),
                new Estimate(-0.013, -0.024, -0.003),
                Verdict.IMPROVED),
            new GapDelta(
                Grouping.of("gender"),
                "race",
                raceAccuracy,
                GapKind.DIFFERENCE,
                new Estimate(0.012, 0.002, 0.025),
                new Estimate(0.031, 0.017, 0.046),
                new Estimate(0.019, 0.006, 0.033),
                Verdict.WORSE),
            new GapDelta(
                Grouping.of("gender"),
                "race",
                raceAccuracy,
                GapKind.RATIO,
                new Estimate(0.986, 0.971, 0.998),
                new Estimate(0.963, 0.946, 0.980),
                new Estimate(-0.023, -0.040, -0.007),
                Verdict.WORSE));
    DeltaRule gate = DeltaRule.parse("delta(race.accuracy.gap@gender)>0.01");
    DeltaRule floor = DeltaRule.parse("delta(gender.accuracy)<-0.02");
    return new ComparisonResult(
        "0.1.0-SNAPSHOT",
        AuditFixture.CREATED,
        candidate.provenance().inputs(),
        candidate.provenance().inputs(),
        BASELINE_SHA,
        candidate.provenance().modelSha256(),
        candidate.provenance().options(),
        OVERLAP,
        candidate.tasks(),
        metrics,
        gaps,
        List.of(
            new DeltaRule.Outcome(
                gate, "race.accuracy.gap@gender", 0.019, Verdict.WORSE, DeltaRule.Status.VIOLATED),
            new DeltaRule.Outcome(
                floor, "gender.accuracy@all", 0.02234, Verdict.IMPROVED, DeltaRule.Status.PASSED)),
        List.of("25 baseline rows have no image hash and cannot be paired"));
  }
}
