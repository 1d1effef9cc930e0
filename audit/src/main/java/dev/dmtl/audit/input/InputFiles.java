package dev.dmtl.audit.input;

import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.parquet.ParquetFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finding and telling apart the audit's input files. */
public final class InputFiles {

  private InputFiles() {}

  /**
   * Files as given, with every directory replaced by the {@code .parquet} files below it (sorted,
   * so the order never depends on the file system).
   *
   * @throws IOException when a path does not exist or a directory cannot be listed
   */
  public static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().endsWith(".parquet"))
              .sorted()
              .forEach(out::add);
        } catch (UncheckedIOException e) {
          throw new IOException(
              "cannot list " + p + ": " + e.getCause().getMessage(), e.getCause());
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new java.nio.file.NoSuchFileException(
            p.toString(), null, "no such file or directory");
      }
    }
    return out;
  }

  /**
   * True when the file's columns are those of a dead-letter file (it has {@code stage} and {@code
   * error_class}).
   */
  public static boolean isDeadLetterFile(Path file) throws IOException {
    ParquetFile f = ParquetFile.open(file);
    return f.hasColumn(PredictionColumns.STAGE) && f.hasColumn(PredictionColumns.ERROR_CLASS);
  }
}
