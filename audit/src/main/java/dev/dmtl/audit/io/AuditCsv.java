package dev.dmtl.audit.io;

import dev.dmtl.audit.config.BinRule;
import dev.dmtl.audit.result.Attribute;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.ConfusionMatrix;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.audit.result.ReliabilityDiagram;
import dev.dmtl.audit.result.RuleOutcome;
import dev.dmtl.audit.result.Saliency;
import dev.dmtl.audit.result.SaliencyGroup;
import dev.dmtl.audit.tables.GapRows;
import dev.dmtl.audit.tables.GroupRows;
import dev.dmtl.contract.rows.Stage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One CSV file per table of an audit (docs/AUDIT_SCHEMA.md, "CSV files"), written with Commons CSV
 * (RFC 4180, header row, UTF-8). NaN is an empty cell. Long format throughout, so every file loads
 * into a spreadsheet or a data frame as is.
 */
public final class AuditCsv {

  public static final String GROUPS = "groups.csv";
  public static final String GAPS = "gaps.csv";
  public static final String CONFUSION = "confusion.csv";
  public static final String COVERAGE = "coverage.csv";
  public static final String RULES = "rules.csv";
  public static final String RELIABILITY = "reliability.csv";
  public static final String ATTRIBUTES = "attributes.csv";

  /** Written only when the audit has a saliency section ({@code dmtl infer --cams}). */
  public static final String SALIENCY = "saliency.csv";

  private AuditCsv() {}

  /** Writes every table into {@code dir} (created when missing); returns the files written. */
  public static List<Path> write(AuditResult r, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    written.add(groups(r, dir.resolve(GROUPS)));
    written.add(gaps(r, dir.resolve(GAPS)));
    written.add(confusion(r, dir.resolve(CONFUSION)));
    written.add(coverage(r, dir.resolve(COVERAGE)));
    written.add(rules(r, dir.resolve(RULES)));
    written.add(reliability(r, dir.resolve(RELIABILITY)));
    written.add(attributes(r, dir.resolve(ATTRIBUTES)));
    if (r.saliency() != null) {
      written.add(saliency(r.saliency(), dir.resolve(SALIENCY)));
    }
    return written;
  }

  private static CSVPrinter printer(Path file, List<String> header) throws IOException {
    Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    return new CSVPrinter(
        w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build());
  }

  private static Path groups(AuditResult r, Path file) throws IOException {
    GroupRows.of(r).writeCsv(file);
    return file;
  }

  private static Path gaps(AuditResult r, Path file) throws IOException {
    GapRows.of(r).writeCsv(file);
    return file;
  }

  private static Path confusion(AuditResult r, Path file) throws IOException {
    try (CSVPrinter p =
        printer(
            file,
            List.of(
                "grouping",
                "group",
                "task",
                "true",
                "predicted",
                "count",
                "group_total",
                "insufficient"))) {
      for (ConfusionMatrix c : r.confusionMatrices()) {
        long total = c.n();
        for (int t = 0; t < c.classes().size(); t++) {
          for (int q = 0; q < c.classes().size(); q++) {
            p.printRecord(
                c.group().grouping().id(),
                c.group().id(),
                c.task(),
                c.classes().get(t),
                c.classes().get(q),
                c.count(t, q),
                total,
                c.insufficient());
          }
        }
      }
    }
    return file;
  }

  private static Path coverage(AuditResult r, Path file) throws IOException {
    List<String> header =
        new ArrayList<>(
            List.of("grouping", "group", "inputs", "with_prediction", "no_face", "failed"));
    for (Stage s : Stage.values()) {
      header.add("stage_" + s.name().toLowerCase(java.util.Locale.ROOT));
    }
    header.addAll(
        List.of(
            "insufficient",
            "coverage",
            "ci_lower",
            "ci_upper",
            "wilson_lower",
            "wilson_upper",
            "vs_reference",
            "p_value",
            "p_adjusted",
            "flagged"));
    try (CSVPrinter p = printer(file, header)) {
      for (CoverageRow c : r.coverage().rows()) {
        List<Object> row = new ArrayList<>();
        row.add(c.group().grouping().id());
        row.add(c.group().id());
        row.add(c.inputs());
        row.add(c.withPrediction());
        row.add(c.noFace());
        row.add(c.failed());
        for (Stage s : Stage.values()) {
          row.add(c.deadLettersByStage().getOrDefault(s, 0L));
        }
        row.add(c.coverage().insufficient());
        estimate(row, c.coverage().estimate());
        row.add(num(c.coverage().wilson().lower()));
        row.add(num(c.coverage().wilson().upper()));
        row.add(num(c.coverage().vsReference().value()));
        row.add(num(c.coverage().pValue()));
        row.add(num(c.coverage().pAdjusted()));
        row.add(c.coverage().flagged());
        p.printRecord(row);
      }
    }
    return file;
  }

  private static Path rules(AuditResult r, Path file) throws IOException {
    try (CSVPrinter p = printer(file, List.of("rule", "subject", "observed", "status"))) {
      for (RuleOutcome o : r.ruleOutcomes()) {
        p.printRecord(o.rule().text(), o.subject(), num(o.observed()), o.status().jsonName());
      }
    }
    return file;
  }

  private static Path reliability(AuditResult r, Path file) throws IOException {
    try (CSVPrinter p =
        printer(
            file,
            List.of(
                "grouping",
                "group",
                "task",
                "kind",
                "bin",
                "lower",
                "upper",
                "n",
                "predicted",
                "observed"))) {
      for (ReliabilityDiagram d : r.reliability()) {
        for (int b = 0; b < d.bins().size(); b++) {
          ReliabilityDiagram.Bin bin = d.bins().get(b);
          p.printRecord(
              d.group().grouping().id(),
              d.group().id(),
              d.task(),
              d.kind(),
              b,
              bin.lower(),
              bin.upper(),
              bin.n(),
              num(bin.predicted()),
              num(bin.observed()));
        }
      }
    }
    return file;
  }

  private static Path attributes(AuditResult r, Path file) throws IOException {
    try (CSVPrinter p =
        printer(file, List.of("attribute", "source", "task", "value", "bins", "cuts"))) {
      for (Attribute a : r.attributes()) {
        String cuts =
            a.cuts().stream()
                .map(c -> BinRule.number(c))
                .reduce((x, y) -> x + " " + y)
                .orElse(null);
        for (String v : a.values()) {
          p.printRecord(a.name(), a.source().jsonName(), a.task(), v, a.bins(), cuts);
        }
      }
    }
    return file;
  }

  /**
   * One row per task, group and subset: the shares of attention per region, then the mean map's
   * cells ({@code r<row>c<col>}, row 0 at the top).
   */
  private static Path saliency(Saliency s, Path file) throws IOException {
    List<String> header =
        new ArrayList<>(List.of("task", "grouping", "group", "subset", "n", "method"));
    List<String> regions = new ArrayList<>();
    s.regions().forEach(g -> regions.add(g.name()));
    regions.add(Saliency.OUTSIDE_FACE);
    header.addAll(regions);
    for (int row = 0; row < s.height(); row++) {
      for (int col = 0; col < s.width(); col++) {
        header.add("r" + row + "c" + col);
      }
    }
    try (CSVPrinter p = printer(file, header)) {
      for (SaliencyGroup m : s.maps()) {
        List<Object> row = new ArrayList<>(header.size());
        row.add(m.task());
        row.add(m.group().grouping().id());
        row.add(m.group().id());
        row.add(m.subset().jsonName());
        row.add(m.n());
        row.add(s.method());
        for (String region : regions) {
          row.add(num(m.share(region)));
        }
        row.addAll(m.mean());
        p.printRecord(row);
      }
    }
    return file;
  }

  private static void estimate(List<Object> row, Estimate e) {
    row.add(num(e.value()));
    row.add(num(e.lower()));
    row.add(num(e.upper()));
  }

  /** NaN → empty cell. */
  private static Object num(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
