package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.model.ModelProvenance;
import dev.dmtl.reports.svg.IdSequence;
import dev.dmtl.reports.tables.ReportTables;
import java.util.List;

/**
 * What every section renders from: the input, its tables (the same strings as the CSV files), the
 * parsed model provenance and the document's id sequence.
 */
final class ReportContext {

  private final ReportInput input;
  private final ReportTables tables;
  private final ModelProvenance modelProvenance;
  private final IdSequence ids = new IdSequence();

  ReportContext(ReportInput input, ReportTables tables) {
    this.input = input;
    this.tables = tables;
    this.modelProvenance = input.modelProvenance();
  }

  ReportInput input() {
    return input;
  }

  AuditResult audit() {
    return input.audit();
  }

  ReportTables tables() {
    return tables;
  }

  ModelProvenance modelProvenance() {
    return modelProvenance;
  }

  IdSequence ids() {
    return ids;
  }

  int minGroupSize() {
    return audit().provenance().options().minGroupSize();
  }

  /** The confidence level as a percentage for captions, e.g. {@code 95%}. */
  String level() {
    double l = audit().provenance().options().confidenceLevel() * 100;
    return (l == Math.rint(l) ? Long.toString(Math.round(l)) : Double.toString(l)) + "%";
  }

  /** True when the audit has bootstrap intervals at all. */
  boolean hasIntervals() {
    return audit().provenance().options().resamples() > 0;
  }

  /**
   * The correction and level the audit's flags were called at, in words: {@code Holm (family-wise
   * error rate) at α = 0.05}; null for an audit without significance tests (written before schema
   * 3).
   */
  String correction() {
    var s = audit().significance();
    if (s == null) {
      return null;
    }
    return s.correction().description() + " at α = " + alpha(s.alpha());
  }

  /** A significance level as people write it: {@code 0.05}, not {@code 0.0500}. */
  static String alpha(double alpha) {
    return java.math.BigDecimal.valueOf(alpha).stripTrailingZeros().toPlainString();
  }

  /** The groupings of one attribute each, in audit order. */
  List<Grouping> singleGroupings() {
    return audit().groupings().stream().filter(g -> g.order() == 1).toList();
  }

  /** Groupings other than overall, in audit order. */
  List<Grouping> nonOverallGroupings() {
    return audit().groupings().stream().filter(g -> !g.isOverall()).toList();
  }

  List<GroupResult> groups(Grouping grouping) {
    return audit().groups(grouping);
  }

  /** A group as a reader says it: {@code overall}, {@code black}, {@code female · 20-29}. */
  static String groupLabel(GroupKey key) {
    if (key.isOverall()) {
      return "overall";
    }
    return String.join(" · ", key.values());
  }

  /**
   * A group with its attribute names: {@code race = black}, {@code gender = female, age = 20-29}.
   */
  static String groupName(GroupKey key) {
    if (key.isOverall()) {
      return "overall";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < key.values().size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(key.grouping().attributes().get(i)).append(" = ").append(key.values().get(i));
    }
    return sb.toString();
  }

  /** A grouping as a reader says it: {@code race}, {@code gender × race}. */
  static String groupingName(Grouping grouping) {
    return grouping.isOverall() ? "overall" : String.join(" × ", grouping.attributes());
  }
}
