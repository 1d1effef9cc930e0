package dev.dmtl.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.rows.DeadLetter;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.parquet.PredictionSchema;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * Rows and dead letters share one collection: told apart by schema, and coded with their own
 * schema.
 */
class OutputRecordsTest {

  private static final Schema ROW =
      SchemaBuilder.record("Prediction")
          .namespace("dev.dmtl")
          .fields()
          .requiredString("source")
          .requiredInt("age")
          .endRecord();

  @Test
  void bothKindsRoundTripThroughTheCoderAndKeepTheirSchema() throws Exception {
    GenericRecord row = new GenericData.Record(ROW);
    row.put("source", "a.jpg");
    row.put("age", 31);
    GenericRecord dead =
        PredictionRows.deadLetter(
            PredictionSchema.deadLetters(),
            new DeadLetter(
                "b.zip",
                "x/y.jpg",
                "x/y.jpg",
                null,
                Stage.ARCHIVE,
                "ZipException",
                "invalid entry size"));
    assertFalse(OutputRecords.isDeadLetter(row));
    assertTrue(OutputRecords.isDeadLetter(dead));

    OutputRecords.Coder coder =
        new OutputRecords.Coder(ROW.toString(), PredictionSchema.deadLetters().toString());
    CoderProperties.coderDecodeEncodeEqual(coder, row);
    CoderProperties.coderDecodeEncodeEqual(coder, dead);
    CoderProperties.coderSerializable(coder);
    GenericRecord back = CoderUtils.clone(coder, dead);
    assertEquals(PredictionSchema.deadLetters(), back.getSchema());
    assertEquals("x/y.jpg", back.get("entry").toString());
  }

  @Test
  void bytesOfNeitherKindAreRefused() {
    OutputRecords.Coder coder =
        new OutputRecords.Coder(ROW.toString(), PredictionSchema.deadLetters().toString());
    assertThrows(
        CoderException.class, () -> CoderUtils.decodeFromByteArray(coder, new byte[] {7, 0, 0}));
  }
}
