package dev.dmtl.tools.check;

import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.parquet.ParquetFile;
import dev.dmtl.pipeline.output.OutputDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A published {@code dmtl infer} output folder read back in full: the manifest and every row of
 * both Parquet files, each row as column → plain Java value ({@code String}, {@code Integer},
 * {@code Long}, {@code Float}, {@code Double}, {@code Boolean}, {@code List} of those, or null).
 *
 * @param dir the folder
 * @param manifest {@code manifest.json}, or null when the folder holds none
 * @param rows the rows of {@code predictions.parquet}, in file order
 * @param deadLetters the rows of {@code dead_letters.parquet}, in file order
 */
public record RunOutput(
    Path dir,
    RunManifest manifest,
    List<Map<String, Object>> rows,
    List<Map<String, Object>> deadLetters) {

  public RunOutput {
    Objects.requireNonNull(dir, "dir");
    rows = List.copyOf(rows);
    deadLetters = List.copyOf(deadLetters);
  }

  /**
   * Reads a folder; the Parquet files are read only when present.
   *
   * @throws IOException when a file that is present cannot be read
   */
  public static RunOutput read(Path dir) throws IOException {
    Path manifestFile = dir.resolve(OutputDirectory.MANIFEST);
    RunManifest manifest = Files.exists(manifestFile) ? RunManifest.read(manifestFile) : null;
    return new RunOutput(
        dir,
        manifest,
        readParquet(dir.resolve(OutputDirectory.PREDICTIONS)),
        readParquet(dir.resolve(OutputDirectory.DEAD_LETTERS)));
  }

  /**
   * The input a row or dead letter belongs to: {@code source}, or {@code source!entry} inside an
   * archive.
   */
  public static String address(Map<String, Object> row) {
    Object entry = row.get(PredictionColumns.ENTRY);
    return row.get(PredictionColumns.SOURCE) + (entry == null ? "" : "!" + entry);
  }

  private static List<Map<String, Object>> readParquet(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    ParquetFile parquet = ParquetFile.open(file);
    List<Map<String, Object>> rows = new ArrayList<>();
    parquet.read(
        parquet.columnNames(),
        r -> {
          Map<String, Object> row = new LinkedHashMap<>();
          for (Schema.Field f : r.getSchema().getFields()) {
            row.put(f.name(), plain(r.get(f.pos())));
          }
          rows.add(Collections.unmodifiableMap(row));
        });
    return rows;
  }

  /** Avro's Utf8 and GenericData.Array as String and List, so values compare with equals. */
  private static Object plain(Object v) {
    if (v instanceof CharSequence s) {
      return s.toString();
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(x -> out.add(plain(x)));
      return Collections.unmodifiableList(out);
    }
    if (v instanceof GenericRecord) {
      throw new IllegalArgumentException("nested records are not part of the output schema: " + v);
    }
    return v;
  }
}
