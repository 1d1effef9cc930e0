package dev.dmtl.reports.tables;

import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.Saliency;
import dev.dmtl.audit.result.SaliencyGroup;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.format.NumberStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * The reading aid of "Where the model looks": per task, group (intersections included) and answers
 * (all, right, wrong) the faces averaged and the share of the mean saliency map in each region. The
 * map cells themselves are in the audit's own {@code saliency.csv}.
 */
public final class SaliencyTable {

  public static final List<String> HEADER =
      List.of(
          "task",
          "grouping",
          "group",
          "answers",
          "faces",
          "face",
          "eyes",
          "nose",
          "mouth",
          "outside_face");

  private static final List<String> REGIONS =
      List.of("face", "eyes", "nose", "mouth", Saliency.OUTSIDE_FACE);

  private SaliencyTable() {}

  /** The table, or null when the audit has no saliency section. */
  public static CsvTable build(AuditResult audit) {
    Saliency s = audit.saliency();
    if (s == null) {
      return null;
    }
    CsvTable.Builder t = CsvTable.builder("saliency", HEADER);
    for (SaliencyGroup m : s.maps()) {
      List<String> row = new ArrayList<>();
      row.add(m.task());
      row.add(m.group().grouping().id());
      row.add(m.group().id());
      row.add(answers(m));
      row.add(NumberStyle.count(m.n()));
      for (String region : REGIONS) {
        row.add(NumberStyle.PROPORTION.format(m.share(region)));
      }
      t.row(row);
    }
    return t.build();
  }

  /** {@code all}, {@code right} or {@code wrong}: the word the report uses. */
  public static String answers(SaliencyGroup m) {
    return switch (m.subset()) {
      case ALL -> "all";
      case CORRECT -> "right";
      case WRONG -> "wrong";
    };
  }
}
