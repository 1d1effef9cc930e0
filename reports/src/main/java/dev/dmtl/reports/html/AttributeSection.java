package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.result.Attribute;
import dev.dmtl.audit.result.AttributeFileSummary;
import dev.dmtl.audit.result.AttributeSource;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.tables.AttributeTable;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Which attributes the groups are formed by: the tasks' labels (or predictions) and the columns of
 * the attribute file, with the file's fingerprint and how it met the inputs, so a reader can tell a
 * group of "unknown" from a group the file described.
 */
final class AttributeSection implements Section {

  @Override
  public String id() {
    return "attributes";
  }

  @Override
  public String title() {
    return "Attributes: how groups are formed";
  }

  @Override
  public boolean applies(ReportContext ctx) {
    return !ctx.audit().attributes().isEmpty();
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    Html.paragraph(
        section,
        "Every table and chart compares groups formed by these attributes, alone and (up to "
            + audit.provenance().options().maxIntersection()
            + " at a time) intersected. Attributes of the tasks come from "
            + "the true labels in a labelled audit and from the model's predictions in a label-free one; "
            + "attributes of the file are facts the auditor brought about each input (capture site, "
            + "lighting, skin tone, …).");
    file(section, audit.attributeFile());

    Element body =
        Html.table(
            section,
            "Attributes (attributes.csv)",
            List.of("attribute", "source", "values (faces)", "bins", "inputs without a value"),
            List.of(false, false, false, false, true),
            "attributes");
    for (Attribute a : audit.attributes()) {
      Element tr = body.appendElement("tr");
      Html.rowHeader(tr, a.name());
      Html.text(tr, source(a));
      Html.text(tr, values(audit, a));
      Html.text(tr, bins(a));
      Html.num(tr, a.source() == AttributeSource.FILE ? NumberStyle.count(a.unknown()) : "—");
    }
    if (audit.attributes().stream().anyMatch(a -> a.source() == AttributeSource.FILE)) {
      Html.paragraph(
              section,
              "An input without a row in the attribute file, or with an empty cell, is in the group "
                  + "\"unknown\" of that attribute: it is counted and compared like any other group, never "
                  + "dropped. A numeric column is cut into bins that include their lower cut point; "
                  + "quantile bins (q1 lowest) are cut at quantiles of the audited inputs' values.")
          .addClass("small")
          .addClass("muted");
    }
  }

  private static void file(Element section, AttributeFileSummary f) {
    if (f == null) {
      Html.paragraph(
          section,
          "No attribute file was given (--attributes): groups are formed by the tasks' attributes only.");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"attribute file", f.path()});
    rows.add(new String[] {"SHA-256", f.sha256()});
    rows.add(new String[] {"key column", f.key()});
    rows.add(new String[] {"rows in the file", NumberStyle.count(f.rows())});
    rows.add(new String[] {"audited inputs", NumberStyle.count(f.inputs())});
    rows.add(
        new String[] {
          "inputs matched by a row", NumberStyle.count(f.inputs() - f.inputsWithoutRow())
        });
    rows.add(
        new String[] {
          "inputs without a row (group \"unknown\")", NumberStyle.count(f.inputsWithoutRow())
        });
    rows.add(
        new String[] {
          "rows matching no audited input (not used)", NumberStyle.count(f.rowsWithoutInput())
        });
    rows.add(
        new String[] {
          "duplicate keys", "none (the audit refuses a file that names an input twice)"
        });
    Html.keyValues(section, "How the attribute file met the audited inputs", rows);
  }

  private static String source(Attribute a) {
    return switch (a.source()) {
      case TRUTH -> "true label of task " + a.task();
      case PREDICTION -> "prediction of task " + a.task();
      case FILE -> "attribute file";
    };
  }

  /** {@code A (1204), B (803), unknown (12)}: each value with the faces of its group. */
  private static String values(AuditResult audit, Attribute a) {
    List<String> out = new ArrayList<>();
    for (String v : a.values()) {
      String faces =
          audit
              .group(new GroupKey(Grouping.of(a.name()), List.of(v)))
              .map(GroupResult::n)
              .map(NumberStyle::count)
              .orElse(NumberStyle.NOT_AVAILABLE);
      out.add(v + " (" + faces + ")");
    }
    return String.join(", ", out);
  }

  private static String bins(Attribute a) {
    if (a.bins() == null) {
      return "—";
    }
    String cuts = AttributeTable.cuts(a);
    return a.bins() + (cuts == null ? "" : "; cut at " + cuts);
  }
}
