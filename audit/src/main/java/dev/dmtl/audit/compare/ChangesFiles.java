package dev.dmtl.audit.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.audit.tables.ChangeRows;
import dev.dmtl.audit.tables.ResultColumn;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.json.SchemaVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

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
      ChangeRows.COLUMNS.stream().map(ResultColumn::name).toList();

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
      ChangeRows.of(result).writeCsv(csvPart);
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
}
