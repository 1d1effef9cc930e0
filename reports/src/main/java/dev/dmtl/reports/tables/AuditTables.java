package dev.dmtl.reports.tables;

import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.ConfusionMatrix;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.RuleOutcome;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The audit's tables as text, for the CSV files and the HTML report alike. Column names are stable
 * and documented in docs/REPORT_CSV.md; numbers are written by {@link NumberStyle}.
 */
public final class AuditTables {

  public static final List<String> SUMMARY =
      List.of("task", "metric", "class", "k", "n", "value", "ci_lower", "ci_upper");

  public static final List<String> GROUP_METRICS =
      List.of(
          "grouping",
          "group",
          "group_n",
          "reference_group",
          "task",
          "metric",
          "class",
          "k",
          "n",
          "insufficient",
          "value",
          "ci_lower",
          "ci_upper",
          "wilson_lower",
          "wilson_upper",
          "vs_reference",
          "vs_reference_lower",
          "vs_reference_upper",
          "ratio_to_reference",
          "ratio_to_reference_lower",
          "ratio_to_reference_upper",
          "vs_overall",
          "vs_overall_lower",
          "vs_overall_upper",
          "p_value",
          "p_adjusted",
          "flagged");

  public static final List<String> GAPS =
      List.of(
          "gap_id",
          "grouping",
          "task",
          "metric",
          "class",
          "k",
          "kind",
          "value",
          "ci_lower",
          "ci_upper",
          "groups_compared",
          "min_group",
          "max_group",
          "reference_group",
          "label",
          "flagged",
          "rules_checked",
          "rule_status");

  public static final List<String> RULES =
      List.of("rule", "subject", "statistic", "operator", "threshold", "observed", "status");

  public static final List<String> CONFUSION =
      List.of(
          "group", "task", "true_class", "predicted_class", "count", "row_share", "insufficient");

  public static final List<String> INPUTS = List.of("path", "kind", "sha256", "rows");

  /** Coverage columns; one {@code dead_<stage>} column per {@link Stage}, in enum order. */
  public static final List<String> COVERAGE = coverageHeader();

  private AuditTables() {}

  private static List<String> coverageHeader() {
    List<String> h =
        new ArrayList<>(
            List.of("grouping", "group", "inputs", "with_prediction", "no_face", "failed"));
    for (Stage s : Stage.values()) {
      h.add(deadColumn(s));
    }
    h.addAll(
        List.of(
            "coverage", "ci_lower", "ci_upper", "wilson_lower", "wilson_upper", "insufficient"));
    return List.copyOf(h);
  }

  /** The coverage column of a stage: {@code dead_no_face}. */
  public static String deadColumn(Stage stage) {
    return "dead_" + stage.name().toLowerCase(Locale.ROOT);
  }

  /** The headline metrics of the overall group (see {@link Headlines}). */
  public static CsvTable summary(AuditResult audit) {
    CsvTable.Builder t = CsvTable.builder("summary", SUMMARY);
    GroupResult overall = audit.overall();
    for (MetricKey key : Headlines.summaryKeys(audit)) {
      overall
          .metric(key)
          .ifPresent(
              m -> {
                NumberStyle style = MetricText.style(key.metric());
                t.row(
                    key.task(),
                    key.metric().jsonName(),
                    key.label(),
                    key.k() == null ? null : key.k().toString(),
                    NumberStyle.count(m.n()),
                    style.format(m.value()),
                    style.format(m.estimate().lower()),
                    style.format(m.estimate().upper()));
              });
    }
    CoverageRow cov = audit.coverage().overall();
    MetricResult c = cov.coverage();
    t.row(
        MetricKey.COVERAGE_TASK,
        Metric.COVERAGE.jsonName(),
        null,
        null,
        NumberStyle.count(cov.inputs()),
        NumberStyle.PROPORTION.format(c.value()),
        NumberStyle.PROPORTION.format(c.estimate().lower()),
        NumberStyle.PROPORTION.format(c.estimate().upper()));
    return t.build();
  }

  /** Every metric of every group, long format. */
  public static CsvTable groupMetrics(AuditResult audit) {
    CsvTable.Builder t = CsvTable.builder("group_metrics", GROUP_METRICS);
    for (GroupResult g : audit.groups()) {
      for (MetricResult m : g.metrics()) {
        MetricKey key = m.key();
        NumberStyle style = MetricText.style(key.metric());
        List<String> row =
            new ArrayList<>(
                List.of(
                    g.key().grouping().id(),
                    g.key().id(),
                    NumberStyle.count(g.n()),
                    Boolean.toString(g.reference()),
                    key.task(),
                    key.metric().jsonName()));
        row.add(key.label());
        row.add(key.k() == null ? null : key.k().toString());
        row.add(NumberStyle.count(m.n()));
        row.add(Boolean.toString(m.insufficient()));
        addEstimate(row, m.estimate(), style);
        row.add(style.format(m.wilson().lower()));
        row.add(style.format(m.wilson().upper()));
        addEstimate(row, m.vsReference(), style);
        addEstimate(row, m.ratioToReference(), NumberStyle.RATIO);
        addEstimate(row, m.vsOverall(), style);
        addSignificance(row, m);
        t.row(row);
      }
    }
    return t.build();
  }

  /** Every gap, with the fail rules that checked it. */
  public static CsvTable gaps(AuditResult audit) {
    CsvTable.Builder t = CsvTable.builder("gaps", GAPS);
    for (GapResult g : audit.gaps()) {
      NumberStyle style =
          MetricText.gapStyle(g.kind(), g.metric() == null ? null : g.metric().metric());
      MetricKey key = g.metric();
      List<RuleOutcome> rules = RuleStatus.outcomesFor(audit, g.id());
      List<String> row = new ArrayList<>();
      row.add(g.id());
      row.add(g.grouping().id());
      row.add(g.task());
      row.add(key == null ? null : key.metric().jsonName());
      row.add(key == null ? null : key.label());
      row.add(key == null || key.k() == null ? null : key.k().toString());
      row.add(g.kind().jsonName());
      addEstimate(row, g.estimate(), style);
      row.add(Integer.toString(g.groupsCompared()));
      row.add(g.minGroup() == null ? null : g.minGroup().id());
      row.add(g.maxGroup() == null ? null : g.maxGroup().id());
      row.add(g.reference() == null ? null : g.reference().id());
      row.add(g.label());
      row.add(Boolean.toString(g.flagged()));
      row.add(Integer.toString(rules.size()));
      row.add(rules.isEmpty() ? null : RuleStatus.worst(rules).jsonName());
      t.row(row);
    }
    return t.build();
  }

  /** One row per fail rule and subject checked. */
  public static CsvTable rules(AuditResult audit) {
    CsvTable.Builder t = CsvTable.builder("rules", RULES);
    for (RuleOutcome o : audit.ruleOutcomes()) {
      NumberStyle style = RuleStatus.style(o.rule());
      t.row(
          o.rule().text(),
          o.subject(),
          o.rule().statistic().jsonName(),
          o.rule().op().symbol(),
          style.format(o.rule().threshold()),
          RuleStatus.observed(o),
          o.status().jsonName());
    }
    return t.build();
  }

  /** Every confusion matrix, one row per cell. */
  public static CsvTable confusion(AuditResult audit) {
    CsvTable.Builder t = CsvTable.builder("confusion", CONFUSION);
    for (ConfusionMatrix m : audit.confusionMatrices()) {
      for (int i = 0; i < m.classes().size(); i++) {
        long rowSum = 0;
        for (int j = 0; j < m.classes().size(); j++) {
          rowSum += m.count(i, j);
        }
        for (int j = 0; j < m.classes().size(); j++) {
          t.row(
              m.group().id(),
              m.task(),
              m.classes().get(i),
              m.classes().get(j),
              NumberStyle.count(m.count(i, j)),
              NumberStyle.PROPORTION.format(rowShare(m.count(i, j), rowSum)),
              Boolean.toString(m.insufficient()));
        }
      }
    }
    return t.build();
  }

  /** A confusion cell as a share of its true-class row; NaN for an empty row. */
  public static double rowShare(long count, long rowSum) {
    return rowSum == 0 ? Double.NaN : (double) count / rowSum;
  }

  /** Coverage overall and per group. */
  public static CsvTable coverage(AuditResult audit) {
    CsvTable.Builder t = CsvTable.builder("coverage", COVERAGE);
    for (CoverageRow r : audit.coverage().rows()) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  r.group().grouping().id(),
                  r.group().id(),
                  NumberStyle.count(r.inputs()),
                  NumberStyle.count(r.withPrediction()),
                  NumberStyle.count(r.noFace()),
                  NumberStyle.count(r.failed())));
      for (Stage s : Stage.values()) {
        row.add(NumberStyle.count(r.deadLettersByStage().getOrDefault(s, 0L)));
      }
      MetricResult c = r.coverage();
      addEstimate(row, c.estimate(), NumberStyle.PROPORTION);
      row.add(NumberStyle.PROPORTION.format(c.wilson().lower()));
      row.add(NumberStyle.PROPORTION.format(c.wilson().upper()));
      row.add(Boolean.toString(c.insufficient()));
      t.row(row);
    }
    return t.build();
  }

  /** The files the audit read. */
  public static CsvTable inputs(AuditResult audit) {
    CsvTable.Builder t = CsvTable.builder("inputs", INPUTS);
    for (InputFile f : audit.provenance().inputs()) {
      t.row(f.path(), f.kind().jsonName(), f.sha256(), NumberStyle.count(f.rows()));
    }
    return t.build();
  }

  /** The audit options as {@code key, value} pairs, for the provenance table. */
  public static List<String[]> options(AuditOptions o) {
    List<String[]> out = new ArrayList<>();
    out.add(
        new String[] {
          "options.age_bins",
          o.ageBins().spec() + " (" + String.join(", ", o.ageBins().labels()) + ")"
        });
    out.add(new String[] {"options.age_prediction", o.agePrediction().jsonName()});
    out.add(new String[] {"options.label_source", o.labelSource().jsonName()});
    out.add(new String[] {"options.mode", o.mode().jsonName()});
    out.add(new String[] {"options.min_group_size", Integer.toString(o.minGroupSize())});
    out.add(new String[] {"options.resamples", Integer.toString(o.resamples())});
    out.add(new String[] {"options.seed", Long.toString(o.seed())});
    out.add(
        new String[] {
          "options.confidence_level", NumberStyle.PROPORTION.format(o.confidenceLevel())
        });
    out.add(new String[] {"options.max_intersection", Integer.toString(o.maxIntersection())});
    out.add(
        new String[] {
          "options.references",
          o.references().isEmpty()
              ? "largest group of each grouping"
              : String.join("; ", o.references().stream().map(k -> k.id()).toList())
        });
    out.add(
        new String[] {
          "options.fail_on",
          o.failRules().isEmpty()
              ? "none"
              : String.join("; ", o.failRules().stream().map(r -> r.text()).toList())
        });
    out.add(new String[] {"options.threads", Integer.toString(o.threads())});
    out.add(
        new String[] {
          "options.attributes",
          o.attributes() == null
              ? "none"
              : o.attributes().file()
                  + (o.attributes().bins().isEmpty()
                      ? ""
                      : " (bins "
                          + String.join(
                              "; ", o.attributes().bins().stream().map(b -> b.spec()).toList())
                          + ")")
        });
    out.add(new String[] {"options.calibration_bins", Integer.toString(o.calibrationBins())});
    out.add(new String[] {"options.correction", o.correction().jsonName()});
    return out;
  }

  /** {@code p_value, p_adjusted, flagged}: the test of the difference to the reference group. */
  static void addSignificance(List<String> row, MetricResult m) {
    row.add(NumberStyle.P_VALUE.format(m.pValue()));
    row.add(NumberStyle.P_VALUE.format(m.pAdjusted()));
    row.add(Boolean.toString(m.flagged()));
  }

  static void addEstimate(List<String> row, Estimate e, NumberStyle style) {
    row.add(style.format(e.value()));
    row.add(style.format(e.lower()));
    row.add(style.format(e.upper()));
  }
}
