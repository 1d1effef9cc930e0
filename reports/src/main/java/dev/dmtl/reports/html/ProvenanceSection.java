package dev.dmtl.reports.html;

import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.tables.ProvenanceTable;
import java.util.List;
import org.jsoup.nodes.Element;

/** Model SHA-256, tool versions, options, seed, input files and fingerprint, times. */
final class ProvenanceSection implements Section {

  @Override
  public String id() {
    return "provenance";
  }

  @Override
  public String title() {
    return "Provenance";
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    Html.paragraph(
        section,
        "Enough to reproduce every number: the same inputs, model, options and seed give the same "
            + "audit. The input fingerprint is the SHA-256 of the sorted SHA-256s of the input files, so it identifies "
            + "the data whatever the file paths.");
    CsvTable p = ctx.tables().provenance();
    Html.keyValues(section, "Audit", ProvenanceTable.section(p, "audit."));
    Html.keyValues(section, "This report", ProvenanceTable.section(p, "report."));
    List<String[]> model =
        ProvenanceTable.section(p, "model.").stream()
            .filter(kv -> !kv[0].startsWith("provenance."))
            .toList();
    if (!model.isEmpty()) {
      Html.keyValues(section, "Model file", model);
    }
    CsvTable inputs = ctx.tables().inputs();
    Element body =
        Html.table(
            section,
            "Input files (inputs.csv)",
            List.of("path", "kind", "SHA-256", "rows"),
            List.of(false, false, false, true),
            null);
    for (List<String> r : inputs.rows()) {
      Element tr = body.appendElement("tr");
      Html.text(tr, r.get(0)).addClass("mono");
      Html.text(tr, r.get(1));
      Html.text(tr, r.get(2)).addClass("mono");
      Html.num(tr, r.get(3));
    }
  }
}
