package dev.dmtl.audit;

import dev.dmtl.audit.input.InputFiles;
import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.contract.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files an audit reads.
 *
 * @param predictions prediction Parquet files written by {@code dmtl infer} (at least one)
 * @param deadLetters dead-letter Parquet files of the same run (may be empty; coverage then counts
 *     no losses)
 */
public record AuditInputs(List<Path> predictions, List<Path> deadLetters) {

  public AuditInputs {
    predictions = List.copyOf(predictions);
    deadLetters = List.copyOf(deadLetters);
    if (predictions.isEmpty()) {
      throw new IllegalArgumentException("no prediction files");
    }
    java.util.Set<Path> seen = new java.util.HashSet<>();
    for (Path p :
        java.util.stream.Stream.concat(predictions.stream(), deadLetters.stream()).toList()) {
      if (!seen.add(p.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException(p + " is given twice: its rows would be counted twice");
      }
    }
  }

  /**
   * Sorts files and directories (searched for {@code *.parquet}) into predictions and dead letters
   * by their columns, so {@code dmtl audit out/} works on a whole {@code infer} output folder.
   */
  public static AuditInputs discover(List<Path> paths) throws IOException {
    List<Path> predictions = new ArrayList<>();
    List<Path> deadLetters = new ArrayList<>();
    for (Path f : InputFiles.expand(paths)) {
      (InputFiles.isDeadLetterFile(f) ? deadLetters : predictions).add(f);
    }
    if (predictions.isEmpty()) {
      throw new IllegalArgumentException("no prediction Parquet files among " + paths);
    }
    return new AuditInputs(predictions, deadLetters);
  }

  /** Whether {@code path} names an audit JSON (a {@code .json} file) rather than Parquet. */
  public static boolean isAuditJson(Path path) {
    return Files.isRegularFile(path)
        && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /**
   * The files an audit JSON says it read, so that an audit stands for its predictions (as {@code
   * dmtl compare} takes it). Each is found as recorded, else relative to the audit's folder, and
   * must still have the SHA-256 the audit recorded: an audit is not silently applied to files that
   * changed since.
   *
   * @throws IllegalArgumentException when a recorded file is missing or changed, or the audit names
   *     no prediction file
   * @throws IOException when the audit cannot be read (a JSON problem is an {@link
   *     IllegalArgumentException} with the file's name)
   */
  public static AuditInputs recordedIn(Path auditJson) throws IOException {
    AuditResult audit = AuditJson.read(auditJson);
    Path base = auditJson.toAbsolutePath().getParent();
    List<Path> predictions = new ArrayList<>();
    List<Path> deadLetters = new ArrayList<>();
    for (InputFile f : audit.provenance().inputs()) {
      if (f.kind() == InputFile.Kind.ATTRIBUTES) {
        continue;
      }
      Path found =
          locate(f.path(), base)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          auditJson + " read " + f.path() + ", which is not found"));
      if (f.sha256() != null && !f.sha256().equals(ContentHash.sha256Hex(found))) {
        throw new IllegalArgumentException(
            found + " changed since " + auditJson + " read it (its SHA-256 differs): audit again");
      }
      (f.kind() == InputFile.Kind.PREDICTIONS ? predictions : deadLetters).add(found);
    }
    if (predictions.isEmpty()) {
      throw new IllegalArgumentException(auditJson + " names no prediction file");
    }
    return new AuditInputs(predictions, deadLetters);
  }

  /**
   * A path recorded in an audit, as given (relative to the working folder), else relative to {@code
   * base} (the audit's folder; null for none).
   */
  public static Optional<Path> locate(String recorded, Path base) {
    Path p = Path.of(recorded);
    if (Files.isRegularFile(p)) {
      return Optional.of(p);
    }
    if (base != null && !p.isAbsolute() && Files.isRegularFile(base.resolve(p))) {
      return Optional.of(base.resolve(p));
    }
    return Optional.empty();
  }
}
