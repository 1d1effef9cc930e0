package dev.dmtl.audit.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.contract.json.SchemaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The audit JSON file (docs/AUDIT_SCHEMA.md, schema version {@value AuditResult#SCHEMA_VERSION}):
 * the {@link AuditResult} records bound by the project's one JSON binding ({@link DmtlJson}), so
 * keys are snake_case, enums their {@code jsonName()}, and NaN and null numbers are left out and
 * read back as NaN.
 */
public final class AuditJson {

  private AuditJson() {}

  public static void write(AuditResult result, Path file, boolean pretty) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(result, out, pretty);
    } catch (IOException e) {
      throw new IOException("cannot write the audit JSON " + file + ": " + e.getMessage(), e);
    }
  }

  public static void write(AuditResult result, OutputStream out, boolean pretty)
      throws IOException {
    DmtlJson.write(result, out, pretty);
  }

  /**
   * @throws IllegalArgumentException naming the file when it is not an audit file this tool reads
   */
  public static AuditResult read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in.readAllBytes(), file.toString());
    }
  }

  /**
   * @param what names the document in messages
   * @throws IllegalArgumentException when the JSON is not an audit file of a schema version this
   *     code reads, naming the first problem
   */
  public static AuditResult read(byte[] json, String what) {
    JsonNode tree = DmtlJson.parse(new String(json, StandardCharsets.UTF_8), what);
    if (!tree.path("schema").asText().equals(AuditResult.SCHEMA_NAME)) {
      throw new IllegalArgumentException(
          what
              + ": \"schema\" is not \""
              + AuditResult.SCHEMA_NAME
              + "\": not an audit JSON written by dmtl audit");
    }
    JsonNode version = tree.path("schema_version");
    if (!version.isIntegralNumber()) {
      throw new IllegalArgumentException(what + ": schema_version is missing or not an integer");
    }
    if (version.asInt() < AuditResult.OLDEST_READABLE_VERSION) {
      throw new IllegalArgumentException(
          what
              + ": schema_version "
              + version.asInt()
              + " was written by an older dmtl; "
              + "run dmtl audit again to get version "
              + AuditResult.SCHEMA_VERSION);
    }
    SchemaVersion.check(version.asInt(), AuditResult.SCHEMA_VERSION, what);
    return DmtlJson.read(tree, AuditResult.class, what);
  }
}
