package dev.dmtl.reports.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.reports.testing.ParquetTestWriter;
import dev.dmtl.reports.testing.SyntheticRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterReasonsTest {

  @TempDir
  Path dir;

  private static GenericRecord dead(String source, String stage, String errorClass, String message) {
    GenericRecord r = new GenericData.Record(SyntheticRun.deadLetterSchema());
    r.put(PredictionColumns.SOURCE, source);
    r.put(PredictionColumns.ENTRY, null);
    r.put(PredictionColumns.STAGE, stage);
    r.put(PredictionColumns.ERROR_CLASS, errorClass);
    r.put(PredictionColumns.MESSAGE, message);
    return r;
  }

  @Test
  void countsByStageAndErrorClassMostFrequentFirst() throws Exception {
    Path file = dir.resolve("dead.parquet");
    try (ParquetTestWriter w = new ParquetTestWriter(file, SyntheticRun.deadLetterSchema(), Map.of())) {
      w.write(dead("a.jpg", "DECODE", "IIOException", "Unsupported Image Type"));
      w.write(dead("b.jpg", "NO_FACE", "NoFaceFound", "no face above 0.6"));
      w.write(dead("c.jpg", "no-face", "NoFaceFound", "no face above 0.6"));
      w.write(dead("d.jpg", "DECODE", "EOFException", "truncated"));
      w.write(dead("e.jpg", "DECODE", "IIOException", "bad"));
      w.write(dead("f.jpg", "NO_FACE", "NoFaceFound", "no face above 0.6"));
    }
    DeadLetterReasons r = DeadLetterReasons.read(List.of(file));
    assertEquals(List.of(
        new DeadLetterReasons.Reason(Stage.NO_FACE, "NoFaceFound", 3, "no face above 0.6"),
        new DeadLetterReasons.Reason(Stage.DECODE, "IIOException", 2, "Unsupported Image Type"),
        new DeadLetterReasons.Reason(Stage.DECODE, "EOFException", 1, "truncated")), r.rows());
  }

  @Test
  void aPredictionFileIsNotADeadLetterFile() throws Exception {
    Path file = SyntheticRun.write(dir, 10, 1).predictions();
    IOException e = assertThrows(IOException.class, () -> DeadLetterReasons.read(List.of(file)));
    assertEquals(true, e.getMessage().contains("no column stage"), e.getMessage());
  }
}
