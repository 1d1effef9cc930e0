package dev.dmtl.audit.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.result.DeadLetterReason;
import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.parquet.ParquetRowWriter;
import dev.dmtl.parquet.PredictionSchema;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dead letters' reasons, which the audit result carries for the report. */
class DeadLetterReasonsTest {

  @TempDir Path dir;

  private static GenericRecord dead(
      String source, String stage, String errorClass, String message) {
    GenericRecord r = new GenericData.Record(PredictionSchema.deadLetters());
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
    try (ParquetRowWriter w = ParquetRowWriter.to(file, PredictionSchema.deadLetters(), Map.of())) {
      w.write(dead("a.jpg", "DECODE", "IIOException", "Unsupported Image Type"));
      w.write(dead("b.jpg", "NO_FACE", "NoFaceFound", "no face above 0.6"));
      w.write(dead("c.jpg", "no-face", "NoFaceFound", "no face above 0.6"));
      w.write(dead("d.jpg", "DECODE", "EOFException", "truncated"));
      w.write(dead("e.jpg", "DECODE", "IIOException", "bad"));
      w.write(dead("f.jpg", "NO_FACE", "NoFaceFound", "no face above 0.6"));
    }
    assertEquals(
        List.of(
            new DeadLetterReason(Stage.NO_FACE, "NoFaceFound", 3, "no face above 0.6"),
            new DeadLetterReason(Stage.DECODE, "IIOException", 2, "Unsupported Image Type"),
            new DeadLetterReason(Stage.DECODE, "EOFException", 1, "truncated")),
        DeadLetterTable.read(List.of(file), List.of()).reasons());
  }

  @Test
  void aPredictionFileIsNotADeadLetterFile() throws Exception {
    Path file = SyntheticRun.write(dir, SyntheticRun.Options.realistic(10, 1)).predictions();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DeadLetterTable.read(List.of(file), List.of()));
    assertTrue(e.getMessage().contains("no column stage"), e.getMessage());
  }
}
