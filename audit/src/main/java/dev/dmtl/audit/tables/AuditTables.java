package dev.dmtl.audit.tables;

import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.result.AuditResult;
import tech.tablesaw.api.Table;

/**
 * The audit as Tablesaw tables, for auditors who script in Java or a notebook kernel (the role of
 * Fairlearn's MetricFrame): each has the columns of the CSV file of the same name, intervals
 * included, typed (text, long, double, boolean; a missing value is Tablesaw's missing value).
 *
 * <pre>{@code
 * AuditResult audit = new Auditor(AuditOptions.defaults())
 *     .audit(AuditInputs.discover(List.of(Path.of("runs/sample"))));
 * Table groups = AuditTables.byGroup(audit);
 * Table raceAccuracy = groups.where(groups.stringColumn("grouping").isEqualTo("race")
 *     .and(groups.stringColumn("key").isEqualTo("race.accuracy")));
 * }</pre>
 *
 * The tables are views of the typed result: build them after the audit, as often as needed. The
 * bootstrap itself stays on primitive arrays (dev.dmtl.audit.engine), where its speed comes from.
 */
public final class AuditTables {

  private AuditTables() {}

  /** One row per metric of a group (as {@code groups.csv}). */
  public static Table byGroup(AuditResult audit) {
    return GroupRows.of(audit).toTablesaw();
  }

  /** One row per gap (as {@code gaps.csv}). */
  public static Table gaps(AuditResult audit) {
    return GapRows.of(audit).toTablesaw();
  }

  /** One row per metric of a group and per gap of a comparison (as {@code changes.csv}). */
  public static Table changes(ComparisonResult comparison) {
    return ChangeRows.of(comparison).toTablesaw();
  }
}
