package dev.dmtl.reports.tables;

import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.input.ReportRun;
import dev.dmtl.reports.model.ModelProvenance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where the report's numbers come from, as {@code key, value} rows. */
public final class ProvenanceTable {

  public static final List<String> HEADER = List.of("key", "value");

  private ProvenanceTable() {}

  /**
   * The input fingerprint: lower-case hex SHA-256 of the sorted, distinct SHA-256s of the files the
   * audit read, one per line ({@code \n}-terminated). It identifies the inputs whatever their paths
   * and order; null without inputs.
   */
  public static String inputFingerprint(AuditResult audit) {
    List<String> hashes =
        audit.provenance().inputs().stream().map(InputFile::sha256).distinct().sorted().toList();
    if (hashes.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    hashes.forEach(h -> sb.append(h).append('\n'));
    return ContentHash.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static CsvTable build(ReportInput in) {
    AuditResult audit = in.audit();
    ReportRun run = in.run();
    CsvTable.Builder t = CsvTable.builder("provenance", HEADER);
    t.row("report.tool_version", run.toolVersion());
    t.row("report.generated_at", run.generatedAt().toString());
    t.row("report.audit_file", run.auditFile());
    t.row("report.model_file", run.modelFile());
    t.row("report.include_examples", Integer.toString(run.examplesRequested()));
    t.row("audit.schema_version", Integer.toString(audit.schemaVersion()));
    t.row("audit.tool_version", audit.provenance().toolVersion());
    t.row("audit.created_at", audit.provenance().createdAt().toString());
    t.row("audit.mode", audit.mode().jsonName());
    t.row("audit.task_source", audit.provenance().taskSource().jsonName());
    t.row("audit.model_sha256", audit.provenance().modelSha256());
    if (audit.provenance().modelSpec() != null) {
      // --spec: the contract came from this file, the model file itself is unchanged
      t.row("audit.model_spec", audit.provenance().modelSpec().source());
      t.row("audit.model_spec_sha256", audit.provenance().modelSpec().sha256());
    }
    t.row("audit.input_fingerprint_sha256", inputFingerprint(audit));
    if (audit.attributeFile() != null) {
      // also among the inputs; named apart because it decides the groups, not the rows
      t.row("audit.attribute_file", audit.attributeFile().path());
      t.row("audit.attribute_file_sha256", audit.attributeFile().sha256());
    }
    for (String[] kv : AuditTables.options(audit.provenance().options())) {
      t.row("audit." + kv[0], kv[1]);
    }
    in.modelFile().ifPresent(m -> model(t, m, in.modelProvenance()));
    return t.build();
  }

  private static void model(CsvTable.Builder t, ModelFile m, ModelProvenance p) {
    t.row("model.source", m.source());
    t.row("model.sha256", m.sha256());
    t.row("model.size_bytes", Long.toString(m.sizeBytes()));
    t.row("model.producer", m.producer());
    t.row("model.opset", Long.toString(m.opset()));
    InputSpec s = m.contract().input();
    t.row(
        "model.input",
        s.name()
            + " "
            + s.layout()
            + " "
            + s.channels()
            + " "
            + s.width()
            + "x"
            + s.height()
            + ", scale "
            + s.scale()
            + ", mean "
            + s.mean()
            + ", std "
            + s.std());
    t.row(
        "model.face_template",
        m.contract()
            .template()
            .map(f -> f.width() + "x" + f.height() + ", " + f.points().size() + " points")
            .orElse(null));
    for (Map.Entry<String, String> e : p.about().entrySet()) {
      t.row("model.provenance." + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : p.data().entrySet()) {
      t.row("model.provenance.data." + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : p.config().entrySet()) {
      t.row("model.provenance.config." + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : p.heldOut().entrySet()) {
      t.row("model.provenance.held_out_metrics." + e.getKey(), e.getValue());
    }
  }

  /** The rows of {@code table} whose key starts with {@code prefix}, as {key, value} pairs. */
  public static List<String[]> section(CsvTable table, String prefix) {
    List<String[]> out = new ArrayList<>();
    for (List<String> row : table.rows()) {
      if (row.get(0).startsWith(prefix)) {
        out.add(new String[] {row.get(0).substring(prefix.length()), row.get(1)});
      }
    }
    return out;
  }
}
