package dev.dmtl.audit.significance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.dmtl.audit.config.Correction;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Corrects the p-values of every group-versus-reference difference of an audit together and flags
 * the significant ones. The family is every difference with a p-value, counted once: a metric that
 * is a complement or a monotone function of another (FNR of recall, …) is not tested again but
 * takes the other's decision. A gap is flagged when a group of its grouping is.
 */
public final class Significance {

  /**
   * What the flags of an audit mean.
   *
   * @param correction the correction applied
   * @param alpha the level flags are called at: 1 − the confidence level
   * @param tested differences tested (the family size)
   * @param flagged differences flagged
   */
  @JsonPropertyOrder({"correction", "alpha", "tested", "flagged"})
  public record Summary(Correction correction, double alpha, int tested, int flagged) {}

  /**
   * The audit's results with their flags.
   *
   * @param groups the groups, metrics with corrected p-values and flags
   * @param coverage the coverage rows, likewise
   * @param gaps the gaps, flagged where a group of theirs is
   * @param summary what the flags mean
   */
  public record Applied(
      List<GroupResult> groups,
      List<CoverageRow> coverage,
      List<GapResult> gaps,
      Summary summary) {}

  private Significance() {}

  public static Applied apply(
      List<GroupResult> groups,
      List<CoverageRow> coverage,
      List<GapResult> gaps,
      Correction correction,
      double alpha) {
    List<MetricResult> tested = new ArrayList<>();
    for (GroupResult g : groups) {
      for (MetricResult m : g.metrics()) {
        if (isTested(m)) {
          tested.add(m);
        }
      }
    }
    for (CoverageRow r : coverage) {
      if (isTested(r.coverage())) {
        tested.add(r.coverage());
      }
    }
    double[] raw = tested.stream().mapToDouble(MetricResult::pValue).toArray();
    double[] adjusted = PValues.adjust(raw, correction);
    IdentityHashMap<MetricResult, Double> adjustedOf = new IdentityHashMap<>();
    for (int i = 0; i < tested.size(); i++) {
      adjustedOf.put(tested.get(i), adjusted[i]);
    }
    int flagged = 0;
    for (double a : adjusted) {
      if (a <= alpha) {
        flagged++;
      }
    }
    Set<Flag> flags = new HashSet<>();
    List<GroupResult> outGroups = new ArrayList<>();
    for (GroupResult g : groups) {
      Map<MetricKey, MetricResult> decided = new HashMap<>();
      for (MetricResult m : g.metrics()) {
        if (adjustedOf.containsKey(m)) {
          double a = adjustedOf.get(m);
          decided.put(m.key(), m.withCorrection(a, a <= alpha));
        }
      }
      List<MetricResult> metrics = new ArrayList<>();
      for (MetricResult m : g.metrics()) {
        MetricResult out = decided.get(m.key());
        if (out == null && m.key().metric().testedAs() != m.key().metric()) {
          MetricResult base = decided.get(baseKey(m.key()));
          if (base != null) {
            out = m.withCorrection(base.pAdjusted(), base.flagged());
          }
        }
        out = out == null ? m : out;
        if (out.flagged()) {
          flags.add(new Flag(g.key().grouping(), out.key()));
        }
        metrics.add(out);
      }
      outGroups.add(new GroupResult(g.key(), g.n(), g.reference(), metrics));
    }
    List<CoverageRow> outCoverage = new ArrayList<>();
    for (CoverageRow r : coverage) {
      MetricResult m = r.coverage();
      if (adjustedOf.containsKey(m)) {
        double a = adjustedOf.get(m);
        m = m.withCorrection(a, a <= alpha);
        if (m.flagged()) {
          flags.add(new Flag(r.group().grouping(), m.key()));
        }
      }
      outCoverage.add(
          new CoverageRow(
              r.group(),
              r.inputs(),
              r.withPrediction(),
              r.noFace(),
              r.failed(),
              r.deadLettersByStage(),
              m));
    }
    List<GapResult> outGaps = new ArrayList<>();
    for (GapResult gap : gaps) {
      outGaps.add(gap.withFlagged(flagged(gap, flags)));
    }
    return new Applied(
        outGroups, outCoverage, outGaps, new Summary(correction, alpha, tested.size(), flagged));
  }

  private static boolean isTested(MetricResult m) {
    return !Double.isNaN(m.pValue()) && m.key().metric().testedAs() == m.key().metric();
  }

  private static MetricKey baseKey(MetricKey key) {
    return new MetricKey(key.task(), key.metric().testedAs(), key.label(), key.k());
  }

  /** A metric flagged in some group of a grouping. */
  private record Flag(Grouping grouping, MetricKey metric) {}

  private static boolean flagged(GapResult gap, Set<Flag> flags) {
    if (!gap.kind().isTaskLevel()) {
      return flags.contains(new Flag(gap.grouping(), gap.metric()));
    }
    List<Metric> parts =
        gap.kind() == GapKind.EQUALIZED_ODDS
            ? List.of(Metric.TPR, Metric.FPR)
            : List.of(Metric.SELECTION_RATE);
    return flags.stream()
        .anyMatch(
            f ->
                f.grouping().equals(gap.grouping())
                    && Objects.equals(f.metric().task(), gap.task())
                    && parts.contains(f.metric().metric()));
  }
}
