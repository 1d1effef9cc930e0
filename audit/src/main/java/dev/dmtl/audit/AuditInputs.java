package dev.dmtl.audit;

import dev.dmtl.audit.input.InputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
