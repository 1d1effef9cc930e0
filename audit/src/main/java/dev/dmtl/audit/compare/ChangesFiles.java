package dev.dmtl.audit.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.json.SchemaVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The files of a comparison (docs/COMPARE.md): {@code changes.json}, the whole {@link
 * ComparisonResult} through the project's JSON binding, and {@code changes.csv}, one row per metric
 * of a group and per gap, with the columns of {@link #HEADER}. NaN is a missing key in the JSON and
 * an empty cell in the CSV. Each file is written beside its final name and moved into place, so a
 * failure leaves no half-written file. {@link #read} reads the JSON back.
 */
public final class ChangesFiles {

  public static final String JSON = "changes.json";
  public static final String CSV = "changes.csv";

  /** The CSV's columns, in order (documented in docs/COMPARE.md; add only at the end). */
  public static final List<String> HEADER =
      List.of(
          "row",
          "id",
          "grouping",
          "group",
          "task",
          "metric",
          "class",
          "k",
          "gap",
          "n_baseline",
          "n_candidate",
          "baseline",
          "baseline_ci_lower",
          "baseline_ci_upper",
          "candidate",
          "candidate_ci_lower",
          "candidate_ci_upper",
          "delta",
          "delta_ci_lower",
          "delta_ci_upper",
          "verdict");

  private ChangesFiles() {}

  /** Writes both files into {@code dir} (created when missing); returns them, JSON first. */
  public static List<Path> write(ComparisonResult result, Path dir, boolean pretty)
      throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve(JSON);
    Path csv = dir.resolve(CSV);
    Path jsonPart = dir.resolve(JSON + ".part");
    Path csvPart = dir.resolve(CSV + ".part");
    try {
      try (OutputStream out = Files.newOutputStream(jsonPart)) {
        DmtlJson.write(result, out, pretty);
      }
      writeCsv(result, csvPart);
      Files.move(jsonPart, json, StandardCopyOption.REPLACE_EXISTING);
      Files.move(csvPart, csv, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(jsonPart);
      Files.deleteIfExists(csvPart);
    }
    return List.of(json, csv);
  }

  /**
   * Reads a {@code changes.json} written by {@code dmtl compare} (e.g. for the report's "What
   * changed" section).
   *
   * @throws IllegalArgumentException naming the file when it is not a comparison this code reads
   */
  public static ComparisonResult read(Path file) throws IOException {
    String what = file.toString();
    JsonNode tree = DmtlJson.parse(Files.readString(file, StandardCharsets.UTF_8), what);
    if (tree == null || !tree.path("schema").asText().equals(ComparisonResult.SCHEMA_NAME)) {
      throw new IllegalArgumentException(
          what
              + ": \"schema\" is not \""
              + ComparisonResult.SCHEMA_NAME
              + "\": not a changes.json written by dmtl compare");
    }
    JsonNode version = tree.path("schema_version");
    if (!version.isIntegralNumber()) {
      throw new IllegalArgumentException(what + ": schema_version is missing or not an integer");
    }
    SchemaVersion.check(version.asInt(), ComparisonResult.SCHEMA_VERSION, what);
    return DmtlJson.read(tree, ComparisonResult.class, what);
  }

  private static void writeCsv(ComparisonResult r, Path file) throws IOException {
    Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    try (CSVPrinter p =
        new CSVPrinter(
            w, CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).build())) {
      for (MetricDelta m : r.metrics()) {
        List<Object> row = new ArrayList<>();
        row.add("metric");
        row.add(m.id());
        row.add(m.group().grouping().id());
        row.add(m.group().id());
        row.add(m.metric().task());
        row.add(m.metric().metric().jsonName());
        row.add(m.metric().label());
        row.add(m.metric().k());
        row.add(null);
        row.add(m.nBaseline());
        row.add(m.nCandidate());
        estimates(row, m.baseline(), m.candidate(), m.delta());
        row.add(m.verdict().jsonName());
        p.printRecord(row);
      }
      for (GapDelta g : r.gaps()) {
        List<Object> row = new ArrayList<>();
        row.add("gap");
        row.add(g.id());
        row.add(g.grouping().id());
        row.add(null);
        row.add(g.task());
        row.add(g.metric() == null ? null : g.metric().metric().jsonName());
        row.add(g.metric() == null ? null : g.metric().label());
        row.add(g.metric() == null ? null : g.metric().k());
        row.add(g.kind().jsonName());
        row.add(null);
        row.add(null);
        estimates(row, g.baseline(), g.candidate(), g.delta());
        row.add(g.verdict().jsonName());
        p.printRecord(row);
      }
    }
  }

  private static void estimates(List<Object> row, Estimate... estimates) {
    for (Estimate e : estimates) {
      row.add(num(e.value()));
      row.add(num(e.lower()));
      row.add(num(e.upper()));
    }
  }

  /** NaN → empty cell. */
  private static Object num(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
