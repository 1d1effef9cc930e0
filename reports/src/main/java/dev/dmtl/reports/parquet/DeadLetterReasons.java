package dev.dmtl.reports.parquet;

import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.rows.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dead letters counted by stage and reason (the error class), read from the run's dead-letter
 * Parquet files. The audit result counts dead letters by stage only; the reason tells a reader
 * whether inputs were lost to corrupt files, unsupported formats or undetected faces.
 *
 * @param rows one entry per stage and error class, most frequent first
 */
public record DeadLetterReasons(List<Reason> rows) {

  /**
   * @param stage the stage
   * @param errorClass the error class, e.g. {@code EOFException}; {@code unknown} when missing
   * @param count dead letters with this stage and error class
   * @param example one message of this kind (the first seen), or null
   */
  public record Reason(Stage stage, String errorClass, long count, String example) {}

  public DeadLetterReasons {
    rows = List.copyOf(rows);
  }

  /** Counts the dead letters of {@code files}. */
  public static DeadLetterReasons read(List<Path> files) throws IOException {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, String> examples = new TreeMap<>();
    List<String> columns = List.of(PredictionColumns.STAGE, PredictionColumns.ERROR_CLASS, PredictionColumns.MESSAGE);
    for (Path file : files) {
      List<String> present = ParquetRows.read(file, columns, r -> {
        String stage = ParquetRows.text(r, PredictionColumns.STAGE);
        String errorClass = ParquetRows.text(r, PredictionColumns.ERROR_CLASS);
        String key = (stage == null ? "" : stage) + "\u0000" + (errorClass == null ? "unknown" : errorClass);
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
        examples.putIfAbsent(key, ParquetRows.text(r, PredictionColumns.MESSAGE));
      });
      if (!present.contains(PredictionColumns.STAGE)) {
        throw new IOException(file + " has no column " + PredictionColumns.STAGE + ": is it a dead-letter file?");
      }
    }
    List<Reason> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      String[] parts = e.getKey().split("\u0000", 2);
      out.add(new Reason(parseStage(parts[0]), parts[1], e.getValue()[0], examples.get(e.getKey())));
    }
    out.sort(Comparator.comparingLong(Reason::count).reversed()
        .thenComparing(Reason::stage).thenComparing(Reason::errorClass));
    return new DeadLetterReasons(out);
  }

  private static Stage parseStage(String value) {
    try {
      return Stage.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dead letter with unknown stage '" + value + "'", e);
    }
  }
}
