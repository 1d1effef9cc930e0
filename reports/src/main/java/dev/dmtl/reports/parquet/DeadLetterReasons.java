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
import java.util.HashMap;

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
    record Key(Stage stage, String errorClass) {}
    Map<Key, long[]> counts = new HashMap<>();
    Map<Key, String> examples = new HashMap<>();
    List<String> columns = List.of(PredictionColumns.STAGE, PredictionColumns.ERROR_CLASS, PredictionColumns.MESSAGE);
    for (Path file : files) {
      ParquetRows.read(file, columns, List.of(PredictionColumns.STAGE), r -> {
        String errorClass = ParquetRows.text(r, PredictionColumns.ERROR_CLASS);
        Key key = new Key(parseStage(ParquetRows.text(r, PredictionColumns.STAGE), file),
            errorClass == null ? "unknown" : errorClass);
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
        examples.putIfAbsent(key, ParquetRows.text(r, PredictionColumns.MESSAGE));
      });
    }
    List<Reason> out = new ArrayList<>();
    counts.forEach((k, n) -> out.add(new Reason(k.stage(), k.errorClass(), n[0], examples.get(k))));
    out.sort(Comparator.comparingLong(Reason::count).reversed()
        .thenComparing(Reason::stage).thenComparing(Reason::errorClass));
    return new DeadLetterReasons(out);
  }

  /** {@code NO_FACE}, {@code no_face} and {@code no-face} alike. */
  private static Stage parseStage(String value, Path file) {
    if (value == null) {
      throw new IllegalArgumentException(file + ": a dead letter has no stage");
    }
    try {
      return Stage.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": dead letter with unknown stage '" + value + "'", e);
    }
  }
}
